import { describe, expect, it } from 'vitest';
import { DEFAULT_FACE_SWAP_SETTINGS, type FaceSwapSettings } from '../../../src/core/autoencoder/faceSwapSettings';
import { decodeSwapLink, encodeSwapLink, swapLinkSchema, type SwapLinkStarts } from '../../../src/core/faceswap/faceSwapSettingsLink';
import { PRETRAINED_FACE_SWAPS } from '../../../src/core/autoencoder/pretrainedFaceSwaps';

const STARTS: SwapLinkStarts = { pretrainedIds: PRETRAINED_FACE_SWAPS.map((m) => m.id), defaultStart: 'toy-faces' };
const SCRATCH_STARTS: SwapLinkStarts = { pretrainedIds: [], defaultStart: 'scratch' };
const toyFaces = PRETRAINED_FACE_SWAPS.find((m) => m.id === 'toy-faces')!.settings;

const CHANGED: FaceSwapSettings = {
  dataset: 'toyFaces', identityA: 'orbo', identityB: 'juno', colour: false, imageSize: 48, encoder: 'separate', latentSize: 64, width: 8,
  batchSize: 8, schedule: 'alternate', learningRate: 0.002, beta1: 0.5, beta2: 0.99, ssimWeight: 1, featurePriority: 0, warp: false,
  warpStrength: 0.1, warpGrid: 3, seed: 77,
};

describe('the face-swap link', () => {
  it('is empty for the default start with its own settings, and reads back to them', () => {
    expect(encodeSwapLink({ settings: toyFaces, start: 'toy-faces' }, STARTS)).toBe('');
    expect(decodeSwapLink('', STARTS)).toEqual({ settings: toyFaces, start: 'toy-faces', problems: [] });
    expect(encodeSwapLink({ settings: DEFAULT_FACE_SWAP_SETTINGS, start: 'scratch' }, SCRATCH_STARTS)).toBe('');
  });

  it('round-trips a set-up from scratch that changes every setting', () => {
    const setup = { settings: CHANGED, start: 'scratch' };
    const query = encodeSwapLink(setup, STARTS);
    expect(query.startsWith('start=scratch&')).toBe(true);
    for (const param of Object.keys(swapLinkSchema(STARTS)).filter((p) => p !== 'dataset')) expect(query).toContain(`${param}=`);
    expect(decodeSwapLink(query, STARTS)).toEqual({ ...setup, problems: [] });
  });

  it.each(PRETRAINED_FACE_SWAPS.map((m) => m.id))('round-trips the pretrained start "%s" with a changed learning rate', (id) => {
    const model = PRETRAINED_FACE_SWAPS.find((m) => m.id === id)!;
    const setup = { settings: { ...model.settings, learningRate: 0.001 }, start: id };
    const query = encodeSwapLink(setup, STARTS);
    expect(query).toBe(id === 'toy-faces' ? 'lr=0.001' : `start=${id}&lr=0.001`);
    expect(decodeSwapLink(query, STARTS)).toEqual({ ...setup, problems: [] });
  });

  it('gives each bad value its default, names it, and applies the rest', () => {
    const decoded = decodeSwapLink('start=scratch&lr=fast&a=bob&warp=2&size=20&schedule=random&seed=4&zoom=3', STARTS);
    expect(decoded.settings).toEqual({ ...DEFAULT_FACE_SWAP_SETTINGS, seed: 4 });
    expect(decoded.problems.map((p) => p.param)).toEqual(['lr', 'a', 'warp', 'schedule', 'zoom', 'size']);
    expect(decoded.problems.find((p) => p.param === 'size')!.message).toContain('multiple of 8');
  });

  it('refuses the same character on both sides, and a picture size digit styles cannot use', () => {
    const same = decodeSwapLink('start=scratch&b=juno', STARTS);
    expect(same.settings.identityA).not.toBe(same.settings.identityB);
    expect(same.problems.map((p) => p.param)).toEqual(['b']);
    const digits = decodeSwapLink('start=scratch&dataset=digitStyles&size=48', STARTS);
    expect(digits.settings.imageSize).toBe(32);
    expect(digits.problems.map((p) => p.param)).toEqual(['size']);
  });

  it('keeps a pretrained model\'s shape, naming a parameter that would not fit its weights', () => {
    const decoded = decodeSwapLink('width=32&seed=9', STARTS);
    expect(decoded.start).toBe('toy-faces');
    expect(decoded.settings).toEqual({ ...toyFaces, seed: 9 });
    expect(decoded.problems.map((p) => p.param)).toEqual(['width']);
  });

  it('names a start this build does not ship and opens with the default start', () => {
    const decoded = decodeSwapLink('start=digit-styles', { pretrainedIds: ['toy-faces'], defaultStart: 'toy-faces' });
    expect(decoded.start).toBe('toy-faces');
    expect(decoded.problems.map((p) => p.param)).toEqual(['start']);
  });
});
