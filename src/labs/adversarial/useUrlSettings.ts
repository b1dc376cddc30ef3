/**
 * Keeps the address bar in step with the lab (settings, visible layers,
 * preset) via replaceState, so copying the URL at any moment shares the
 * experiment without filling the browser history.
 */
import { useEffect } from 'react';
import type { GanSettings } from '../../core/adversarial/ganSettings';
import type { LayerVisibility } from '../../core/adversarial/settingsUrl';
import { parseHashRoute } from '../shared/hashRoute';
import { LAB_PATH, labHash } from './labLink';

export function useUrlSettings(settings: GanSettings, layers: LayerVisibility, presetId: string | null): string {
  const hash = labHash(settings, layers, presetId);
  useEffect(() => {
    const here = () => parseHashRoute(window.location.hash);
    if (here().path === LAB_PATH && window.location.hash !== hash) window.history.replaceState(window.history.state, '', hash);
    // Following the nav link to this page drops the query; put it back. (A pasted link with
    // its own query is left alone: the shell reloads the lab from it.)
    const onHashChange = () => {
      const route = here();
      if (route.path === LAB_PATH && route.query === '') window.history.replaceState(window.history.state, '', hash);
    };
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, [hash]);
  return hash;
}
