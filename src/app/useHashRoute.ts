/** The current hash route, updated on navigation (not on the labs' own replaceState calls). */
import { useEffect, useState } from 'react';
import { parseHashRoute, type HashRoute } from '../labs/shared/hashRoute';

export interface LiveRoute extends HashRoute {
  /** Changes whenever the page should start afresh: a new path, or a link with its own query. */
  visit: number;
}

export function useHashRoute(): LiveRoute {
  const [route, setRoute] = useState<LiveRoute>(() => ({ ...parseHashRoute(window.location.hash), visit: 0 }));
  useEffect(() => {
    const onHashChange = () => {
      const next = parseHashRoute(window.location.hash);
      setRoute((current) => {
        // Clicking the nav link of the page you are on (no query) must not wipe its experiment.
        if (next.path === current.path && next.query === '') return current;
        return { ...next, visit: current.visit + 1 };
      });
    };
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);
  return route;
}
