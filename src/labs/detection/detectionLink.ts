/**
 * The detection lab's set-up as a shareable link, and back: the forger, the detector, the set
 * size and the training settings, on core/shared/settingsLink.ts. Only values that differ from
 * the defaults are written. Reading never fails: each refused or unknown parameter becomes a
 * notice naming it, and the rest of the link still applies. The learner's own forger lives only
 * in the browser that loaded it, so a link never names it: it carries the default forger instead,
 * and the share box says so.
 */
import { formatLinkQuery, parseLinkQuery, type LinkSchema, type LinkValues } from '../../core/shared/settingsLink';
import {
  DEFAULT_DETECTION_SETTINGS, DETECTION_LIMITS, DETECTOR_KINDS, GENERATOR_LABELS, OWN_FORGER, SHIPPED_FORGERS, detectionSettingsProblems, type DetectionSettings,
} from '../../protocol/detection/detectionProtocol';
import { hashFor } from '../shared/hashRoute';

export const DETECTION_LAB_PATH = '/detection';

export interface DetectionLinkState {
  settings: DetectionSettings;
  notices: string[];
}

const L = DETECTION_LIMITS;

export const DETECTION_LINK_SCHEMA: LinkSchema = {
  forger: { kind: 'enum', options: SHIPPED_FORGERS },
  detector: { kind: 'enum', options: DETECTOR_KINDS },
  n: { kind: 'number', ...L.perClass, integer: true },
  lr: { kind: 'number', ...L.learningRate },
  batch: { kind: 'number', ...L.batchSize, integer: true },
  seed: { kind: 'number', ...L.seed, integer: true },
};

function toValues(s: DetectionSettings): LinkValues {
  const forger = s.generator === OWN_FORGER ? DEFAULT_DETECTION_SETTINGS.generator : s.generator;
  return { forger, detector: s.detector, n: s.perClass, lr: s.learningRate, batch: s.batchSize, seed: s.seed };
}

const DEFAULTS = toValues(DEFAULT_DETECTION_SETTINGS);

export function encodeDetectionLink(settings: DetectionSettings): string {
  return formatLinkQuery(DETECTION_LINK_SCHEMA, toValues(settings), DEFAULTS);
}

export function detectionLinkHash(settings: DetectionSettings): string {
  return hashFor(DETECTION_LAB_PATH, encodeDetectionLink(settings));
}

/** What the link leaves out of these settings, or null when it carries them all. */
export function detectionLinkLeftOut(settings: DetectionSettings): string | null {
  return settings.generator === OWN_FORGER
    ? `The link cannot carry your own forger (it stays in this browser): it opens on the ${GENERATOR_LABELS[DEFAULT_DETECTION_SETTINGS.generator]}. To share the forger, send its model file.`
    : null;
}

export function readDetectionLink(query: string): DetectionLinkState {
  const parsed = parseLinkQuery(DETECTION_LINK_SCHEMA, query, DEFAULTS);
  const v = parsed.values;
  const notices = parsed.problems.map((p) => p.message);
  let settings: DetectionSettings = {
    generator: v.forger as DetectionSettings['generator'],
    detector: v.detector as DetectionSettings['detector'],
    perClass: v.n as number,
    learningRate: v.lr as number,
    batchSize: v.batch as number,
    seed: v.seed as number,
  };
  const problems = detectionSettingsProblems(settings);
  if (problems.length > 0) {
    notices.push(`These settings do not fit together (${problems.join('; ')}); using the defaults instead.`);
    settings = { ...DEFAULT_DETECTION_SETTINGS };
  }
  return { settings, notices };
}
