/** The shell: header with navigation, the page for the current route, and a footer. */
import { Suspense, useEffect, useRef } from 'react';
import { LABS, findLab } from './labRegistry';
import { StartPage } from './StartPage';
import { UpdatePrompt } from './UpdatePrompt';
import { useHashRoute } from './useHashRoute';

export function App() {
  const route = useHashRoute();
  const lab = findLab(route.path);
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  useEffect(() => {
    document.title = lab ? `${lab.title} · Deepfake Lab` : 'Deepfake Lab';
    // After in-app navigation, move focus to the new page so screen readers start reading there.
    if (firstRender.current) firstRender.current = false;
    else mainRef.current?.focus();
  }, [lab, route.visit]);

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
                <a href={`#${entry.path}`} aria-current={route.path === entry.path ? 'page' : undefined}>{entry.title}</a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main-content" ref={mainRef} tabIndex={-1} className={lab ? 'main-lab' : 'main-page'}>
        {route.path === '/' ? (
          <StartPage />
        ) : lab ? (
          <Suspense fallback={<p className="loading">Loading the {lab.title.toLowerCase()}…</p>}>
            <lab.component key={route.visit} query={route.query} />
          </Suspense>
        ) : (
          <NotFound path={route.path} />
        )}
      </main>
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
