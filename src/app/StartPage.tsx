/** The start page: what Deepfake Lab is, why toy data, and a card per lab. */
import { LABS } from './labRegistry';

export function StartPage() {
  return (
    <div className="page start-page">
      <h1>Deepfake Lab</h1>
      <p className="lead">
        Deepfake Lab lets you train the machinery behind deepfakes yourself, live in your browser, and watch how it learns, fails and
        improves. It uses toy data only, such as points on a plane, so every step is small enough to see and no real person's face or voice
        is ever involved.
      </p>
      <h2>Choose a lab</h2>
      <ul className="lab-cards">
        {LABS.map((lab) => (
          <li key={lab.id} className="lab-card">
            <h3>
              <a href={`#${lab.path}`}>{lab.title}</a>
            </h3>
            <p>{lab.tagline}</p>
            <ul className="lab-highlights">
              {lab.highlights.map((h) => <li key={h}>{h}</li>)}
            </ul>
            <a className="button-primary button-link" href={`#${lab.path}`}>
              Open the {lab.title.toLowerCase()}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
