/** The shell: header with navigation, the page for the current route, and a footer. */
import { Suspense, useEffect, useMemo, useRef } from 'react';
import { takeLessonStep } from '../labs/shared/lessonScript';
import { PresentationContext } from '../labs/shared/presenting';
import { LABS, findLab } from './labRegistry';
import { LessonsPage, LESSONS_PATH } from './LessonsPage';
import { PresentationPanel } from './PresentationPanel';
import { StartPage } from './StartPage';
import { UpdatePrompt } from './UpdatePrompt';
import { useHashRoute } from './useHashRoute';
import { usePresentation } from './usePresentation';

export function App() {
  const route = useHashRoute();
  const lab = findLab(route.path);
  // A lesson link (`?preset=…&lessonStep=3`) opens presentation mode; the lab reads the rest.
  const lessonLink = useMemo(() => takeLessonStep(route.query, lab?.lesson.steps.length ?? 0), [route.query, lab]);
  const presentation = usePresentation(lab ?? null, lessonLink.step, route.visit);
  const presentationSwitch = useMemo(() => ({ presenting: presentation.presenting, toggle: presentation.toggle }),
    [presentation.presenting, presentation.toggle]);
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  useEffect(() => {
    document.title = lab ? `${lab.title} · Deepfake Lab` : route.path === LESSONS_PATH ? 'Lessons · Deepfake Lab' : 'Deepfake Lab';
    // After in-app navigation, move focus to the new page so screen readers start reading there.
    if (firstRender.current) firstRender.current = false;
    else mainRef.current?.focus();
  }, [lab, route.path, route.visit]);

  return (
    <>
      <a
        className="skip-link"
        href="#main-content"
        onClick={(e) => {
          // A plain "#main-content" would be read as a route; focus the main area instead.
          e.preventDefault();
          mainRef.current?.focus();
        }}
      >
        Skip to the content
      </a>
      <header className="app-header">
        <a className="brand" href="#/">
          <span className="brand-mark" aria-hidden="true">◐</span> Deepfake Lab
        </a>
        <nav aria-label="Main">
          <ul className="nav-list">
            <li>
              <a href="#/" aria-current={route.path === '/' ? 'page' : undefined}>Start</a>
            </li>
            {LABS.map((entry) => (
              <li key={entry.id}>
                <a href={`#${entry.path}`} data-lab={entry.id} aria-current={route.path === entry.path ? 'page' : undefined}>{entry.title}</a>
              </li>
            ))}
            <li>
              <a href={`#${LESSONS_PATH}`} aria-current={route.path === LESSONS_PATH ? 'page' : undefined}>Lessons</a>
            </li>
          </ul>
        </nav>
      </header>
      <main id="main-content" ref={mainRef} tabIndex={-1} className={lab ? 'main-lab' : 'main-page'}>
        {lessonLink.problem ? <p className="shell-notice" role="status" data-testid="lesson-link-notice">{lessonLink.problem}</p> : null}
        {route.path === '/' ? (
          <StartPage />
        ) : route.path === LESSONS_PATH ? (
          <LessonsPage />
        ) : lab ? (
          <PresentationContext.Provider value={presentationSwitch}>
            <Suspense fallback={<p className="loading">Loading the {lab.title.toLowerCase()}…</p>}>
              <lab.component key={route.visit} query={lessonLink.query} />
            </Suspense>
          </PresentationContext.Provider>
        ) : (
          <NotFound path={route.path} />
        )}
      </main>
      {lab && presentation.presenting ? (
        <PresentationPanel labTitle={lab.title} lesson={lab.lesson} step={presentation.step} visit={route.visit}
          onGoTo={presentation.goTo} onLeave={presentation.leave} />
      ) : null}
      <UpdatePrompt />
      <footer className="app-footer">
        <p>Deepfake Lab runs entirely in your browser, on toy data. Nothing you do here is uploaded anywhere.</p>
      </footer>
    </>
  );
}

function NotFound({ path }: { path: string }) {
  return (
    <div className="page">
      <h1>There is no page at “{path}”</h1>
      <p>
        The link may be mistyped or from a newer version. <a href="#/">Go to the start page</a> to pick a lab.
      </p>
    </div>
  );
}
