/**
 * Keeps the address bar in step with a lab's set-up via replaceState, so copying the
 * URL at any moment shares it without filling the browser history. Every lab with a
 * share link uses it; the lab gives its path and the hash its link codec writes.
 */
import { useEffect } from 'react';
import { parseHashRoute } from './hashRoute';

export function useLinkHash(labPath: string, hash: string): string {
  useEffect(() => {
    const here = () => parseHashRoute(window.location.hash);
    if (here().path === labPath && window.location.hash !== hash) window.history.replaceState(window.history.state, '', hash);
    // Following the nav link to this page drops the query; put it back. (A pasted link with
    // its own query is left alone: the shell reloads the lab from it.)
    const onHashChange = () => {
      const route = here();
      if (route.path === labPath && route.query === '' && window.location.hash !== hash) window.history.replaceState(window.history.state, '', hash);
    };
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, [labPath, hash]);
  return hash;
}

/** The full address of a hash on this page, as a share box offers it. */
export function linkFor(hash: string): string {
  return `${window.location.origin}${window.location.pathname}${hash}`;
}
