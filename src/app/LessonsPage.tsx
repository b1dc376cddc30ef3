/**
 * The lessons page: ready lessons of about fifty minutes. Each lab part links straight into
 * that lab's lesson script in presentation mode, with questions and what to expect.
 */
import { hashFor } from '../labs/shared/hashRoute';
import { lessonStepQuery } from '../labs/shared/lessonScript';
import { LABS } from './labRegistry';
import { LESSON_PLANS, lessonMinutes, type LessonPart } from './lessonPlans';

export const LESSONS_PATH = '/lessons';

function PartBody({ part }: { part: LessonPart }) {
  if (part.kind === 'talk') {
    return (
      <>
        <h4>{part.title} <span className="lesson-minutes">· {part.minutes} min</span></h4>
        <p>{part.text}</p>
        {part.questions.length > 0 ? <Questions questions={part.questions} /> : null}
      </>
    );
  }
  const lab = LABS.find((l) => l.id === part.labId);
  if (!lab) return <p>This part needs a lab that is not in this version.</p>;
  const step = lab.lesson.steps[part.step];
  return (
    <>
      <h4>
        <a href={hashFor(lab.path, lessonStepQuery(lab.lesson, part.step))} data-testid="lesson-part-link">
          {lab.title}, step {part.step + 1}: {step.title}
        </a>{' '}
        <span className="lesson-minutes">· {part.minutes} min</span>
      </h4>
      <p><strong>Press: </strong>{step.press}</p>
      <Questions questions={part.questions} />
      <p><strong>Expect: </strong>{part.expect}</p>
    </>
  );
}

function Questions({ questions }: { questions: readonly string[] }) {
  return (
    <>
      <p className="lesson-questions-label"><strong>Ask the class:</strong></p>
      <ul className="lesson-questions">
        {questions.map((q) => <li key={q}>{q}</li>)}
      </ul>
    </>
  );
}

export function LessonsPage() {
  return (
    <div className="page lessons-page">
      <h1>Lessons</h1>
      <p className="lead">
        Three ready lessons of about fifty minutes. Each lab step opens the lab in <strong>presentation mode</strong>: the controls fold
        away, the text grows for a projector, and the lesson's steps sit beside the lab. Walk them with <kbd>←</kbd> and <kbd>→</kbd> (a
        presenter remote's buttons work too) while the model trains live; <kbd>Space</kbd> plays or pauses, <kbd>P</kbd> or <kbd>Esc</kbd>{' '}
        leaves. Every lab also has its own lesson: press <kbd>P</kbd> in any lab.
      </p>
      <p>
        Before class, open each lab once on the computer you will present from: the app then works with no network at all. Pretrained
        models load at once; from-scratch steps need a minute or two of training, so start them while you talk.
      </p>
      {LESSON_PLANS.map((plan) => (
        <section key={plan.id} className="panel lesson-plan" aria-labelledby={`lesson-${plan.id}`}>
          <h2 id={`lesson-${plan.id}`}>{plan.title} <span className="lesson-minutes">· about {lessonMinutes(plan)} minutes</span></h2>
          <p>{plan.summary}</p>
          <ol className="lesson-parts">
            {plan.parts.map((part, i) => (
              <li key={i} className="lesson-part"><PartBody part={part} /></li>
            ))}
          </ol>
        </section>
      ))}
    </div>
  );
}
