import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FACE_SWAP_SETTINGS, channelsOf, checkSwapSettings, cloneSwapSettings, swapSettingsProblems, type FaceSwapSettings,
} from '../../../src/core/autoencoder/faceSwapSettings';

const withChange = (change: Partial<FaceSwapSettings>) => ({ ...cloneSwapSettings(DEFAULT_FACE_SWAP_SETTINGS), ...change });

describe('face-swap settings', () => {
  it('accepts the defaults and both datasets', () => {
    expect(swapSettingsProblems(DEFAULT_FACE_SWAP_SETTINGS)).toEqual([]);
    expect(swapSettingsProblems(withChange({ dataset: 'digitStyles' }))).toEqual([]);
    expect(swapSettingsProblems(withChange({ encoder: 'separate', schedule: 'alternate', ssimWeight: 1, warp: false, imageSize: 48 }))).toEqual([]);
  });

  it('names every field that is out of range or of the wrong kind', () => {
    const cases: [Partial<FaceSwapSettings>, string][] = [
      [{ dataset: 'faces' as never }, 'dataset must be one of toyFaces, digitStyles'],
      [{ identityA: 'nobody' }, 'identityA must be one of juno, orbo, mags, tilly'],
      [{ identityB: 'juno' }, 'identityA and identityB must be different characters'],
      [{ colour: 'yes' as never }, 'colour must be true or false'],
      [{ imageSize: 36 }, 'imageSize must be a multiple of 8'],
      [{ imageSize: 128 }, 'imageSize must be between 16 and 64'],
      [{ dataset: 'digitStyles', imageSize: 24 }, 'imageSize must be 32 for digit styles'],
      [{ encoder: 'none' as never }, 'encoder must be one of shared, separate'],
      [{ latentSize: 1 }, 'latentSize must be between 2 and 256'],
      [{ latentSize: 8.5 }, 'latentSize must be a whole number'],
      [{ width: 100 }, 'width must be between 4 and 64'],
      [{ batchSize: 0 }, 'batchSize must be between 1 and 128'],
      [{ schedule: 'random' as never }, 'schedule must be one of joint, alternate'],
      [{ learningRate: NaN }, 'learningRate must be a number'],
      [{ beta1: 1 }, 'beta1 must be between 0 and 0.9999'],
      [{ ssimWeight: -1 }, 'ssimWeight must be between 0 and 10'],
      [{ featurePriority: 100 }, 'featurePriority must be between 0 and 50'],
      [{ warpStrength: 0.5 }, 'warpStrength must be between 0 and 0.2'],
      [{ warpGrid: 2 }, 'warpGrid must be between 3 and 9'],
      [{ seed: -1 }, 'seed must be between 0 and 2147483647'],
    ];
    for (const [change, message] of cases) expect(swapSettingsProblems(withChange(change)), JSON.stringify(change)).toEqual([message]);
    expect(() => checkSwapSettings(withChange({ width: 0, seed: 0.5 }))).toThrow(/width must be between 4 and 64; seed must be a whole number/);
  });

  it('ignores the characters for digit styles, which are always grey', () => {
    expect(swapSettingsProblems(withChange({ dataset: 'digitStyles', identityA: 'x', identityB: 'x' }))).toEqual([]);
    expect(channelsOf(withChange({ colour: true }))).toBe(3);
    expect(channelsOf(withChange({ colour: false }))).toBe(1);
    expect(channelsOf(withChange({ dataset: 'digitStyles', colour: true }))).toBe(1);
  });

  it('clones without sharing', () => {
    const copy = cloneSwapSettings(DEFAULT_FACE_SWAP_SETTINGS);
    copy.width = 5;
    expect(DEFAULT_FACE_SWAP_SETTINGS.width).not.toBe(5);
  });
});
