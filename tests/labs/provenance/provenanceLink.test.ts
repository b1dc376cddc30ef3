import { describe, expect, it } from 'vitest';

import { DEFAULT_PROVENANCE_SETUP, provenanceLinkHash, readProvenanceLink } from '../../../src/labs/provenance/provenanceLink';
import { PROVENANCE_LESSON } from '../../../src/labs/provenance/provenanceLesson';

describe('provenance lab links', () => {
  it('writes only what differs from the defaults, and reads it back', () => {
    expect(provenanceLinkHash(DEFAULT_PROVENANCE_SETUP)).toBe('#/provenance');
    const hash = provenanceLinkHash({ seed: 7, edit: 'invert' });
    expect(hash).toBe('#/provenance?seed=7&edit=invert');
    expect(readProvenanceLink(hash.split('?')[1])).toEqual({ setup: { seed: 7, edit: 'invert' }, notices: [] });
  });

  it('names a bad or unknown value and keeps the default for it', () => {
    const { setup, notices } = readProvenanceLink('seed=abc&edit=blur&key=secret');
    expect(setup).toEqual(DEFAULT_PROVENANCE_SETUP);
    expect(notices).toHaveLength(3);
    expect(notices[0]).toContain('"seed=abc"');
    expect(notices[1]).toContain('"edit=blur"');
    expect(notices[2]).toContain('"key" is not a setting this lab knows');
    expect(readProvenanceLink('seed=65').notices[0]).toContain('"seed=65"');
  });

  it('opens every lesson step on a set-up its link reads without a notice', () => {
    for (const step of PROVENANCE_LESSON.steps) {
      if (step.setup !== undefined) expect(readProvenanceLink(step.setup).notices, step.title).toEqual([]);
    }
  });
});
