/**
 * The lab's state as a shareable link, and back. Builds on the settings codec
 * and adds what only the page knows: links naming just a preset, and your own
 * points (which never travel in a link).
 */
import { DEFAULT_SETTINGS, cloneSettings, type GanSettings } from '../../core/pointGan/ganSettings';
import { findPreset } from '../../core/adversarial/ganPresets';
import { decodeSettingsQuery, encodeSettingsQuery, type LayerVisibility } from '../../core/adversarial/settingsUrl';
import { hashFor } from '../shared/hashRoute';

export const LAB_PATH = '/adversarial';

export interface LabLinkState {
  settings: GanSettings;
  layers: LayerVisibility;
  presetId: string | null;
  /** Plain-English notices about parameters that were ignored or replaced. */
  notices: string[];
}

const NON_SETTING_PARAMS = new Set(['layers', 'preset']);

export function readLabLink(query: string): LabLinkState {
  const decoded = decodeSettingsQuery(query);
  const notices = [...decoded.notices];
  let settings = decoded.settings;
  const params = [...new URLSearchParams(query).keys()];
  const preset = decoded.presetId ? findPreset(decoded.presetId) : undefined;
  // A hand-written link such as `?preset=mode-collapse` means "that preset's settings".
  if (preset && !params.some((p) => !NON_SETTING_PARAMS.has(p))) settings = cloneSettings(preset.settings);
  if (settings.dataset === 'custom') {
    notices.push(
      `"dataset=custom" needs your own points, and those are never part of a link; using the default dataset (${DEFAULT_SETTINGS.dataset}). ` +
        'To share your own points, use "Save this model" (the file includes them) or export the samples as CSV instead.',
    );
    settings = { ...settings, dataset: DEFAULT_SETTINGS.dataset, modes: DEFAULT_SETTINGS.modes };
  }
  return { settings, layers: decoded.layers, presetId: decoded.presetId, notices };
}

/** The hash (with `#`) that reproduces this state. */
export function labHash(settings: GanSettings, layers: LayerVisibility, presetId: string | null): string {
  return hashFor(LAB_PATH, encodeSettingsQuery(settings, layers, presetId));
}
