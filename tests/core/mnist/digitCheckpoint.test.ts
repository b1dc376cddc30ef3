import { describe, expect, it } from 'vitest';
import {
  DIGIT_CHECKPOINT_FORMAT, DigitCheckpointError, checkpointMismatch, decodeDigitCheckpoint, describeArchitecture, encodeDigitCheckpoint, pixelsToUnit,
  quantisePixels, type DigitCheckpoint,
} from '../../../src/core/mnist/digitCheckpoint';
import { paramSpecs } from '../../../src/core/mnist/digitGanModels';
import { DEFAULT_DIGIT_SETTINGS, cloneDigitSettings, defaultDigitNetwork, type DigitGanSettings } from '../../../src/core/mnist/digitGanSettings';
import { SeededRandom } from '../../../src/core/shared/seededRandom';
import { WeightsBundleError, decodeWeightsBundle, encodeWeightsBundle, storedValues } from '../../../src/core/shared/weightsBundle';

const GRID = 4;

function settings(overrides: Partial<DigitGanSettings> = {}): DigitGanSettings {
  return {
    ...cloneDigitSettings(DEFAULT_DIGIT_SETTINGS),
    architecture: 'dcgan',
    upsampling: 'resize',
    conditional: true,
    latentSize: 8,
    generator: defaultDigitNetwork({ width: 4 }),
    discriminator: defaultDigitNetwork({ width: 4 }),
    ...overrides,
  };
}

/** A small but complete checkpoint: random weights of the right shapes, three snapshots of a 4-digit grid. */
function checkpoint(s: DigitGanSettings = settings()): DigitCheckpoint {
  const rng = new SeededRandom(5);
  const specs = [...paramSpecs('generator', s), ...paramSpecs('discriminator', s)];
  return {
    settings: s,
    weights: specs.map((p) => ({ name: p.name, shape: [...p.shape], data: rng.fillUniform(new Float32Array(p.shape.reduce((a, b) => a * b, 1)), -1, 1) })),
    timeline: {
      gridCount: GRID,
      labels: s.conditional ? Int32Array.of(0, 1, 2, 3) : null,
      snapshots: [0, 10, 40].map((step, i) => ({
        step,
        pixels: quantisePixels(rng.fillUniform(new Float32Array(GRID * 784), -1, 1)),
        verdicts: Float32Array.of(0.1 * i, 0.2, 0.3, 0.9),
        quality: i === 1 ? null : { inceptionScore: 1 + i, frechetDistance: 100 - i },
      })),
    },
    figures: { inceptionScore: 9.1, frechetDistance: 12.5, steps: 40, seconds: 61.5, samples: 1000, realBaseline: { inceptionScore: 9.7, frechetDistance: 7.7 } },
    description: 'A test model.',
    training: { note: 'unit test' },
  };
}

/** Re-encodes a checkpoint file after editing its header (metadata) or tensors, with a valid checksum. */
function edited(c: DigitCheckpoint, edit: (bundle: ReturnType<typeof decodeWeightsBundle>) => void): Uint8Array {
  const bundle = decodeWeightsBundle(encodeDigitCheckpoint(c));
  edit(bundle);
  return encodeWeightsBundle(bundle);
}

describe('digit GAN checkpoint', () => {
  it('round-trips settings, weights, timeline, figures and provenance exactly', () => {
    const c = checkpoint();
    const back = decodeDigitCheckpoint(encodeDigitCheckpoint(c));
    expect(back.settings).toEqual(c.settings);
    // Spec order, generator first, exact float32 values.
    expect(back.weights.map((w) => w.name)).toEqual(c.weights.map((w) => w.name));
    back.weights.forEach((w, i) => {
      expect(w.shape).toEqual(c.weights[i].shape);
      expect(w.data).toEqual(c.weights[i].data);
    });
    expect(back.timeline).toEqual(c.timeline);
    expect(back.figures).toEqual(c.figures);
    expect(back.description).toBe(c.description);
    expect(back.training).toEqual(c.training);
  });

  it('stores the timeline as grey levels and can store the networks as float16 (a smaller file, rounded values)', () => {
    const c = checkpoint(settings({ architecture: 'mlp', generator: defaultDigitNetwork({ width: 32 }), discriminator: defaultDigitNetwork({ width: 32 }) }));
    const full = encodeDigitCheckpoint(c);
    const half = encodeDigitCheckpoint(c, { generator: 'float16', discriminator: 'float16' });
    const weightValues = c.weights.reduce((n, w) => n + w.data.length, 0);
    // Two bytes saved per value, less a few header bytes naming each tensor's storage.
    expect(full.length - half.length).toBeGreaterThanOrEqual(2 * weightValues - 512);
    // Three 4-digit snapshots cost one byte per pixel (plus the verdicts).
    const noTimeline = weightValues * 4;
    expect(full.length - noTimeline).toBeLessThan(3 * GRID * 784 + 4096);
    const back = decodeDigitCheckpoint(half);
    back.weights.forEach((w, i) => expect(w.data).toEqual(storedValues(c.weights[i].data, 'float16')));
    expect(back.timeline.snapshots[2].pixels).toEqual(c.timeline.snapshots[2].pixels);
  });

  it('quantises generator pixels to 256 grey levels and maps them to [0, 1] for display', () => {
    expect([...quantisePixels(Float32Array.of(-1, 0, 1, 2, -3, 0.5))]).toEqual([0, 128, 255, 255, 0, 191]);
    expect([...pixelsToUnit(Uint8Array.of(0, 51, 255))]).toEqual([0, Math.fround(0.2), 1]);
  });

  describe('refuses, with the reason,', () => {
    const good = () => encodeDigitCheckpoint(checkpoint());
    const cases: [string, () => Uint8Array, RegExp][] = [
      ['a file that is not a weights bundle', () => new TextEncoder().encode('not a checkpoint at all'), /does not start with "DLWB"/],
      ['another bundle version', () => { const b = good(); b[4] = 7; return b; }, /format version 7/],
      ['a corrupted file', () => { const b = good(); b[b.length - 100] ^= 0x10; return b; }, /checksum does not match/],
      ['a truncated file', () => good().slice(0, -1000), /truncated/],
      ['another kind of weights (the classifier)', () => encodeWeightsBundle({ format: 'deepfake-lab/digit-classifier@1', metadata: {}, weights: [] }), /holds "deepfake-lab\/digit-classifier@1", not "deepfake-lab\/digit-gan@1"/],
      ['a later checkpoint layout', () => edited(checkpoint(), (b) => (b.format = 'deepfake-lab/digit-gan@2')), /holds "deepfake-lab\/digit-gan@2", not "deepfake-lab\/digit-gan@1"/],
      ['missing settings', () => edited(checkpoint(), (b) => delete b.metadata.settings), /does not say which settings it was trained with/],
      ['invalid settings', () => edited(checkpoint(), (b) => ((b.metadata.settings as DigitGanSettings).latentSize = 0)), /settings are invalid: latentSize must be between/],
      ['a missing weight', () => edited(checkpoint(), (b) => (b.weights = b.weights.filter((w) => w.name !== 'g/up1/kernel'))), /"g\/up1\/kernel" is missing/],
      ['a weight of the wrong shape', () => edited(checkpoint(), (b) => (b.weights.find((w) => w.name === 'd/out/bias')!.shape = [1, 1])), /"d\/out\/bias" has shape \[1, 1\], expected \[1\]/],
      ['a stray weight', () => edited(checkpoint(), (b) => b.weights.push({ name: 'g/extra', shape: [1], data: Float32Array.of(1) })), /"g\/extra" is not part of this model/],
      [
        'weights of another architecture than its settings say',
        () => edited(checkpoint(), (b) => ((b.metadata.settings as DigitGanSettings).upsampling = 'transposed')),
        /weights do not fit the conditional DCGAN \(transposed upsampling\).*"g\/up1\/kernel" has shape \[3, 3, 8, 4\], expected \[3, 3, 4, 8\]/,
      ],
      ['missing figures', () => edited(checkpoint(), (b) => delete b.metadata.figures), /quality figures are missing/],
      ['a step count that is not a whole number', () => edited(checkpoint(), (b) => ((b.metadata.figures as { steps: number }).steps = 2.5)), /step count is not a whole number/],
      ['missing timeline images', () => edited(checkpoint(), (b) => (b.weights = b.weights.filter((w) => w.name !== 'timeline/pixels'))), /timeline images are missing/],
      ['timeline images of the wrong size', () => edited(checkpoint(), (b) => ((b.metadata.timeline as { steps: number[]; quality: unknown[] }).steps.pop(), (b.metadata.timeline as { quality: unknown[] }).quality.pop())), /do not match its 2 snapshots of 4 digits/],
      ['timeline steps out of order', () => edited(checkpoint(), (b) => ((b.metadata.timeline as { steps: number[] }).steps = [0, 40, 10])), /steps are not whole numbers in increasing order/],
      ['a snapshot after the last step', () => edited(checkpoint(), (b) => ((b.metadata.timeline as { steps: number[] }).steps = [0, 10, 50])), /snapshot at step 50, after the last step \(40\)/],
      ['timeline classes for an unconditional model', () => edited(checkpoint(), (b) => ((b.metadata.settings as DigitGanSettings).conditional = false)), /weights do not fit|classes but the model is unconditional/],
      ['a conditional timeline without classes', () => edited(checkpoint(), (b) => ((b.metadata.timeline as { labels: unknown }).labels = null)), /lacks the class of each cell/],
      ['malformed snapshot quality', () => edited(checkpoint(), (b) => ((b.metadata.timeline as { quality: unknown[] }).quality[0] = { inceptionScore: 'high' })), /snapshot at step 0 has quality figures that are not numbers/],
    ];
    for (const [what, make, message] of cases) {
      it(what, () => {
        let error: unknown;
        try {
          decodeDigitCheckpoint(make());
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(Error);
        expect(error instanceof DigitCheckpointError || error instanceof WeightsBundleError).toBe(true);
        expect((error as Error).message).toMatch(message);
      });
    }
  });

  it('refuses to write a checkpoint whose parts disagree', () => {
    const c = checkpoint();
    c.weights.pop();
    expect(() => encodeDigitCheckpoint(c)).toThrow(/Cannot write this digit GAN checkpoint: its weights do not fit .* "d\/embed" is missing/);
    const late = checkpoint();
    late.timeline.snapshots[2].step = 41;
    expect(() => encodeDigitCheckpoint(late)).toThrow(/after the last step/);
  });

  it('says whether it fits the architecture a learner chose: shape fields must agree, training fields may change', () => {
    const c = checkpoint();
    expect(checkpointMismatch(c, c.settings)).toBeNull();
    const retuned = settings({ generator: defaultDigitNetwork({ width: 4, learningRate: 1e-4, optimizer: 'sgd' }), batchSize: 8, seed: 99, loss: 'hinge', classes: [3, 7] });
    expect(checkpointMismatch(c, retuned)).toBeNull();
    expect(checkpointMismatch(c, settings({ architecture: 'mlp' }))).toBe(
      `it holds a ${describeArchitecture(c.settings)}, but the chosen settings ask for architecture mlp instead of dcgan`,
    );
    expect(describeArchitecture(c.settings)).toBe('conditional DCGAN (resize upsampling), latent 8, widths G 4 / D 4');
    const plain = checkpoint(settings({ conditional: false }));
    expect(checkpointMismatch(plain, settings({ conditional: false, upsampling: 'transposed' }))).toBe(
      'it holds an unconditional DCGAN (resize upsampling), latent 8, widths G 4 / D 4, but the chosen settings ask for upsampling transposed instead of resize',
    );
    expect(checkpointMismatch(c, settings({ conditional: false, latentSize: 16 }))).toMatch(/conditional false instead of true, latentSize 16 instead of 8/);
    expect(checkpointMismatch(c, settings({ discriminator: defaultDigitNetwork({ width: 8 }) }))).toMatch(/discriminatorWidth 8 instead of 4/);
    expect(checkpointMismatch(c, settings({ batchSize: 0 }))).toMatch(/chosen settings are invalid: batchSize/);
  });

  it('names its format', () => {
    expect(decodeWeightsBundle(encodeDigitCheckpoint(checkpoint())).format).toBe(DIGIT_CHECKPOINT_FORMAT);
  });
});
