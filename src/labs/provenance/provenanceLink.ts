/**
 * The provenance lab's set-up as a shareable link: which of the forger's pictures to sign first
 * (`seed`, the cell of its fixed-noise grid, 1–64) and which edit "Edit and re-sign" makes.
 * Keys and the trust decision are never in a link: they belong to the learner's own browser.
 */
import { formatLinkQuery, parseLinkQuery, type LinkSchema, type LinkValues } from '../../core/shared/settingsLink';
import { hashFor } from '../shared/hashRoute';
import { EDITS, type EditKind } from './pictureCanvas';

export const PROVENANCE_LAB_PATH = '/provenance';
export const PICTURE_COUNT = 64;
export const EDIT_KINDS = Object.keys(EDITS) as EditKind[];

export interface ProvenanceSetup {
  /** The first picture signed, 1–64. */
  seed: number;
  edit: EditKind;
}

export const DEFAULT_PROVENANCE_SETUP: ProvenanceSetup = { seed: 1, edit: 'brighten' };

const SCHEMA: LinkSchema = {
  seed: { kind: 'number', min: 1, max: PICTURE_COUNT, integer: true },
  edit: { kind: 'enum', options: EDIT_KINDS },
};

const toValues = (s: ProvenanceSetup): LinkValues => ({ seed: s.seed, edit: s.edit });

export function provenanceLinkHash(setup: ProvenanceSetup): string {
  return hashFor(PROVENANCE_LAB_PATH, formatLinkQuery(SCHEMA, toValues(setup), toValues(DEFAULT_PROVENANCE_SETUP)));
}

export function readProvenanceLink(query: string): { setup: ProvenanceSetup; notices: string[] } {
  const parsed = parseLinkQuery(SCHEMA, query, toValues(DEFAULT_PROVENANCE_SETUP));
  return {
    setup: { seed: parsed.values.seed as number, edit: parsed.values.edit as EditKind },
    notices: parsed.problems.map((p) => p.message),
  };
}
