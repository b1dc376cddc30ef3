/**
 * What the lab writes into a picture's Content Credentials (the C2PA manifest definition that
 * c2pa-rs's Builder turns into assertions, a claim and a signature):
 *
 * - a picture drawn by one of the lab's generative models: a `c2pa.created` action with the
 *   IPTC digital source type "trainedAlgorithmicMedia", naming the lab, the model and the seed
 *   (and which cell of the model's fixed-noise grid), plus a small `org.deepfakelab.generation`
 *   assertion with the same facts as data;
 * - an edit of a signed picture: a `c2pa.edited` action saying which edit (or `c2pa.transcoded`
 *   for the same picture re-saved as a JPEG, signed in an APP11 segment), in a new manifest
 *   whose parent ingredient is the signed original (its manifest travels along, so the history
 *   can be read back).
 *
 * c2pa-rs adds the hard binding (`c2pa.hash.data`: a SHA-256 over every byte of the file except
 * the manifest itself) when it signs.
 */
import type { ManifestDefinition } from '@contentauth/c2pa-web';

export const CLAIM_GENERATOR = { name: 'Deepfake Lab', version: '1.0' };
export const TRAINED_ALGORITHMIC_MEDIA = 'http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia';
export const GENERATION_ASSERTION = 'org.deepfakelab.generation';
export const ALGORITHMIC_MEDIA = 'http://cv.iptc.org/newscodes/digitalsourcetype/algorithmicMedia';
/** The lab's record of the invisible mark in a picture (what soft binding looks the manifest up by). */
export const WATERMARK_ASSERTION = 'org.deepfakelab.watermark';

export interface GenerationFacts {
  /** The lab whose model drew the picture, e.g. "Digit forger". */
  lab: string;
  /** Which model, e.g. "conditional DCGAN, pretrained (4,000 steps)". */
  model: string;
  /** The random seed of the model's noise. */
  seed: number;
  /** Which cell of the model's fixed-noise grid. */
  cell: number;
  /** The digit the model was asked for, when it takes one. */
  digit: number | null;
}

type Action = Record<string, unknown> & { action: string; description: string };

/** A manifest with one `c2pa.actions` assertion holding `action`, then any further assertions. */
function manifestWith(title: string, format: 'image/png' | 'image/jpeg', action: Action, more: { label: string; data: unknown }[] = []): ManifestDefinition {
  return {
    claim_generator_info: [CLAIM_GENERATOR],
    title,
    format,
    assertions: [{ label: 'c2pa.actions', data: { actions: [action] } }, ...more],
  } as ManifestDefinition;
}

export function createdManifest(title: string, facts: GenerationFacts): ManifestDefinition {
  const what = facts.digit === null ? 'a digit' : `the digit ${facts.digit}`;
  return manifestWith(title, 'image/png', {
    action: 'c2pa.created',
    digitalSourceType: TRAINED_ALGORITHMIC_MEDIA,
    softwareAgent: { name: `Deepfake Lab — ${facts.lab}` },
    description: `Drawn by the ${facts.lab}'s ${facts.model}, asked for ${what} (seed ${facts.seed}, grid cell ${facts.cell + 1}).`,
  }, [{ label: GENERATION_ASSERTION, data: { ...facts } }]);
}

/**
 * An edit of a signed picture: `c2pa.edited` (pixels changed) or `c2pa.transcoded` (the same
 * picture saved in another format, e.g. as a JPEG), saying what was done.
 */
export function editedManifest(title: string, edit: string, options: { format?: 'image/png' | 'image/jpeg'; action?: 'c2pa.edited' | 'c2pa.transcoded' } = {}): ManifestDefinition {
  return manifestWith(title, options.format ?? 'image/png', {
    action: options.action ?? 'c2pa.edited',
    softwareAgent: { name: 'Deepfake Lab — Provenance lab' },
    description: edit,
  });
}

/**
 * A toy face drawn by the project's renderer (an algorithm, no training data: IPTC
 * "algorithmicMedia"), marked with the lab's soft-binding watermark: the mark's number is
 * recorded in the manifest, so the manifest can be found again from the pixels alone.
 */
export function watermarkedFaceManifest(title: string, facts: { character: string; seed: number; markNumber: number }): ManifestDefinition {
  return manifestWith(title, 'image/png', {
    action: 'c2pa.created',
    digitalSourceType: ALGORITHMIC_MEDIA,
    softwareAgent: { name: 'Deepfake Lab — Provenance lab' },
    description: `Drawn by the lab's toy-face renderer: ${facts.character} (seed ${facts.seed}), with an invisible watermark carrying the number ${facts.markNumber}.`,
  }, [{ label: WATERMARK_ASSERTION, data: { method: 'spread spectrum in 8×8 DCT blocks, the lab\'s repository key', number: facts.markNumber } }]);
}
