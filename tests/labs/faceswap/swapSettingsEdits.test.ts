import { describe, expect, it } from 'vitest';
import { swapCheckpointMismatch, type FaceSwapCheckpoint } from '../../../src/core/faceswap/faceSwapCheckpoint';
import { DEFAULT_FACE_SWAP_SETTINGS, swapSettingsProblems, type FaceSwapSettings } from '../../../src/core/autoencoder/faceSwapSettings';
import { PRETRAINED_FACE_SWAPS } from '../../../src/core/autoencoder/pretrainedFaceSwaps';
import { describeSwapProblem, fitsPretrained, sameSwapSettings, scratchSettingsFrom, withDataset } from '../../../src/labs/faceswap/swapSettingsEdits';

const EDITS: Partial<FaceSwapSettings>[] = [
  {}, { learningRate: 1e-3 }, { seed: 9 }, { batchSize: 4 }, { warp: false }, { ssimWeight: 1 }, { schedule: 'alternate' },
  { width: 8 }, { latentSize: 16 }, { encoder: 'separate' }, { encoder: 'shared' }, { imageSize: 48 }, { colour: false }, { colour: true },
  { identityA: 'mags' }, { identityB: 'tilly' }, { dataset: 'digitStyles' }, { dataset: 'toyFaces' },
];

describe('face-swap settings edits', () => {
  it('fitsPretrained agrees with the worker\'s checkpoint check on every shipped model and every kind of edit', () => {
    for (const model of PRETRAINED_FACE_SWAPS) {
      const checkpoint = { settings: model.settings } as FaceSwapCheckpoint;
      for (const edit of EDITS) {
        const settings = { ...model.settings, ...edit };
        if (swapSettingsProblems(settings).length > 0) continue;
        expect(fitsPretrained(model.settings, settings), `${model.id} with ${JSON.stringify(edit)}`).toBe(swapCheckpointMismatch(checkpoint, settings) === null);
      }
    }
  });

  it('a fresh start keeps what is swapped and takes the lab\'s quick-training sizes', () => {
    const pretrained = { ...PRETRAINED_FACE_SWAPS[0].settings, identityA: 'mags', encoder: 'separate' as const, learningRate: 1e-3 };
    const fresh = scratchSettingsFrom(pretrained);
    expect(fresh).toMatchObject({ identityA: 'mags', encoder: 'separate', width: DEFAULT_FACE_SWAP_SETTINGS.width, learningRate: DEFAULT_FACE_SWAP_SETTINGS.learningRate });
    expect(swapSettingsProblems(fresh)).toEqual([]);
  });

  it('switching to digit styles sets the digits\' picture size; comparing and wording problems', () => {
    const digits = withDataset({ ...DEFAULT_FACE_SWAP_SETTINGS, imageSize: 48 }, 'digitStyles');
    expect(digits.imageSize).toBe(32);
    expect(swapSettingsProblems(digits)).toEqual([]);
    expect(sameSwapSettings(DEFAULT_FACE_SWAP_SETTINGS, { ...DEFAULT_FACE_SWAP_SETTINGS })).toBe(true);
    expect(sameSwapSettings(DEFAULT_FACE_SWAP_SETTINGS, { ...DEFAULT_FACE_SWAP_SETTINGS, seed: 2 })).toBe(false);
    const [problem] = swapSettingsProblems({ ...DEFAULT_FACE_SWAP_SETTINGS, imageSize: 20 });
    expect(describeSwapProblem(problem)).toBe('Picture size must be a multiple of 8.');
    expect(describeSwapProblem('identityA and identityB must be different characters')).toMatch(/^Characters A and B/);
  });
});
