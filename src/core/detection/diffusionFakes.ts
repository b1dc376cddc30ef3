/**
 * Fakes for the detection lab from the diffusion lab's shipped digit model
 * (models/digitDiffusion.weights): the U-Net is built from the file, asked for the digits 0–9
 * in turn, and walked from seeded noise with DDIM in DIFFUSION_FAKE_SAMPLING's steps.
 * Guidance 1 is plain conditional sampling, one network pass per step, half the time of the
 * diffusion lab's default guidance 3 (which needs an unconditional pass too). Values clipped
 * to [-1, 1], 28×28, picture after picture, drawn in chunks with a pause after each (told how
 * many are drawn so far), so a worker stays responsive through the seconds this takes and can
 * show its progress.
 */
import { DigitDiffusionTrainer } from '../denoising/digitDiffusionTrainer';
import type { DigitDiffusionCheckpoint } from '../denoising/digitDiffusionCheckpoint';
import { DIGIT_PIXELS } from '../denoising/digitUnet';
import { CLASS_COUNT } from '../mnist/digitGanSettings';
import { MAX_FAKES } from './generatorFakes';

export const DIFFUSION_FAKE_SAMPLING = { sampler: 'ddim', steps: 10, guidance: 1 } as const;
const CHUNK = 50;

export async function drawDiffusionFakes(
  checkpoint: DigitDiffusionCheckpoint,
  count: number,
  seed: number,
  pause: (drawn: number) => Promise<void> = async () => {},
): Promise<Float32Array> {
  if (!Number.isInteger(count) || count < 1 || count > MAX_FAKES) throw new RangeError(`The number of fakes must be a whole number from 1 to ${MAX_FAKES}, not ${count}.`);
  if (!Number.isInteger(seed) || seed < 0) throw new RangeError(`The seed must be a whole number, at least 0, not ${seed}.`);
  const steps = Math.min(DIFFUSION_FAKE_SAMPLING.steps, checkpoint.settings.timesteps);
  const model = new DigitDiffusionTrainer(checkpoint.settings);
  try {
    model.restoreWeights(checkpoint);
    const out = new Float32Array(count * DIGIT_PIXELS);
    for (let start = 0; start < count; start += CHUNK) {
      const n = Math.min(CHUNK, count - start);
      const labels = Array.from({ length: n }, (_, i) => (start + i) % CLASS_COUNT);
      // One seed per chunk, from the call's seed: the same call gives the same pictures.
      const { images } = model.sample({ ...DIFFUSION_FAKE_SAMPLING, steps, labels, seed: seed * 1009 + start });
      for (let i = 0; i < images.length; i++) out[start * DIGIT_PIXELS + i] = Math.max(-1, Math.min(1, images[i]));
      await pause(start + n);
    }
    return out;
  } finally {
    model.dispose();
  }
}
