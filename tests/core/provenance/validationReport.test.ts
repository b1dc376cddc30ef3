import type { ManifestStore } from '@contentauth/c2pa-web';
import { describe, expect, it } from 'vitest';

import { DIGIT_CHECKPOINT_FORMAT as MNIST_FORMAT } from '../../../src/core/mnist/digitCheckpoint';
import { DIGIT_CHECKPOINT_FORMAT } from '../../../src/core/provenance/forgedDigits';
import { GENERATION_ASSERTION, TRAINED_ALGORITHMIC_MEDIA, createdManifest, editedManifest } from '../../../src/core/provenance/manifestDefinitions';
import { plainStatus, validationReport } from '../../../src/core/provenance/validationReport';

const code = (c: string, explanation?: string) => ({ code: c, explanation });

/** A store shaped like c2pa-rs's report for an edited picture whose parent came along. */
function store(state: 'Invalid' | 'Valid' | 'Trusted', failure: string[], success: string[]): ManifestStore {
  return {
    active_manifest: 'urn:c2pa:edited',
    validation_state: state,
    validation_results: {
      activeManifest: { failure: failure.map((c) => code(c)), success: success.map((c) => code(c)), informational: [] },
    },
    manifests: {
      'urn:c2pa:edited': {
        title: 'edited.png',
        signature_info: { common_name: 'Deepfake Lab signer', issuer: 'Deepfake Lab (for teaching only)', time: null },
        assertions: [{ label: 'c2pa.actions.v2', data: { actions: [{ action: 'c2pa.opened' }, { action: 'c2pa.edited', description: 'Inverted' }] } }],
        ingredients: [{ title: 'original.png', relationship: 'parentOf', active_manifest: 'urn:c2pa:original' }],
      },
      'urn:c2pa:original': {
        title: 'original.png',
        assertions: [
          { label: 'c2pa.actions.v2', data: { actions: [{ action: 'c2pa.created', digitalSourceType: TRAINED_ALGORITHMIC_MEDIA, softwareAgent: { name: 'Deepfake Lab — Digit forger' } }] } },
          { label: GENERATION_ASSERTION, data: { lab: 'Digit forger', seed: 1 } },
        ],
        ingredients: [],
      },
    },
  } as unknown as ManifestStore;
}

describe('validation report', () => {
  it('says "no credentials" when there is no manifest store, which is not "invalid"', () => {
    const report = validationReport(null);
    expect(report.verdict).toBe('none');
    expect(report.title).toBe('No credentials');
    expect(report.meaning).toMatch(/does not make it fake/);
  });

  it('keeps "valid" (untrusted) apart from real failures', () => {
    const report = validationReport(store('Valid', ['signingCredential.untrusted'], ['claimSignature.validated', 'assertion.dataHash.match']));
    expect(report.verdict).toBe('valid');
    expect(report.problems).toEqual([]);
    expect(report.trustNote?.code).toBe('signingCredential.untrusted');
    expect(report.passed.map((p) => p.code)).toEqual(['claimSignature.validated', 'assertion.dataHash.match']);
  });

  it('reports trusted and invalid from the validator\'s own state, with the failures in plain words', () => {
    expect(validationReport(store('Trusted', [], ['signingCredential.trusted'])).verdict).toBe('trusted');
    const broken = validationReport(store('Invalid', ['assertion.dataHash.mismatch', 'signingCredential.untrusted'], []));
    expect(broken.verdict).toBe('invalid');
    expect(broken.problems.map((p) => p.code)).toEqual(['assertion.dataHash.mismatch']);
    expect(broken.problems[0].words).toMatch(/changed after signing/);
  });

  it('walks the history from the active manifest to its ingredients', () => {
    const report = validationReport(store('Valid', ['signingCredential.untrusted'], []));
    expect(report.manifests.map((m) => m.label)).toEqual(['urn:c2pa:edited', 'urn:c2pa:original']);
    expect(report.manifests[0].actions.map((a) => a.action)).toEqual(['c2pa.opened', 'c2pa.edited']);
    expect(report.manifests[0].ingredients).toEqual([{ title: 'original.png', relationship: 'parentOf', manifestLabel: 'urn:c2pa:original' }]);
    expect(report.manifests[1].actions[0]).toMatchObject({ action: 'c2pa.created', digitalSourceType: TRAINED_ALGORITHMIC_MEDIA, softwareAgent: 'Deepfake Lab — Digit forger' });
    expect(report.manifests[1].generation).toEqual({ lab: 'Digit forger', seed: 1 });
  });

  it('explains unknown codes by their family and the validator\'s explanation', () => {
    expect(plainStatus(code('assertion.somethingNew', 'details'))).toBe('About a statement in the manifest: assertion.somethingNew (details).');
    expect(plainStatus(code('weird.code'))).toBe('Validator note: weird.code.');
  });
});

describe('manifest definitions', () => {
  it('records a created picture as made by a trained model, with the lab, model and seed', () => {
    const def = createdManifest('forged-digit-5-a-4.png', { lab: 'Digit forger', model: 'conditional DCGAN', seed: 1, cell: 4, digit: 4 });
    const actions = (def.assertions![0].data as { actions: Record<string, unknown>[] }).actions;
    expect(actions).toHaveLength(1);
    expect(actions[0]).toMatchObject({ action: 'c2pa.created', digitalSourceType: TRAINED_ALGORITHMIC_MEDIA });
    expect(actions[0].description).toContain('the digit 4 (seed 1, grid cell 5)');
    expect(def.assertions![1]).toEqual({ label: GENERATION_ASSERTION, data: { lab: 'Digit forger', model: 'conditional DCGAN', seed: 1, cell: 4, digit: 4 } });
  });

  it('records an edit as c2pa.edited with what was done', () => {
    const def = editedManifest('x-invert.png', 'Inverted');
    expect((def.assertions![0].data as { actions: unknown[] }).actions).toEqual([expect.objectContaining({ action: 'c2pa.edited', description: 'Inverted' })]);
  });

  it('reads the forger file format the digit lab writes', () => {
    expect(DIGIT_CHECKPOINT_FORMAT).toBe(MNIST_FORMAT);
  });
});
