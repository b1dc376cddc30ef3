/**
 * Keeps the address bar in step with the lab (settings, visible layers,
 * preset) via replaceState, so copying the URL at any moment shares the
 * experiment without filling the browser history.
 */
import type { GanSettings } from '../../core/pointGan/ganSettings';
import type { LayerVisibility } from '../../core/adversarial/settingsUrl';
import { useLinkHash } from '../shared/useLinkHash';
import { LAB_PATH, labHash } from './labLink';

export function useUrlSettings(settings: GanSettings, layers: LayerVisibility, presetId: string | null): string {
  return useLinkHash(LAB_PATH, labHash(settings, layers, presetId));
}
