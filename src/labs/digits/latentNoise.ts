/**
 * The noise vector the worker's generator gets for a seed, computed in the page
 * so the latent sliders can start at its own numbers. It must match
 * DigitGanTrainer.sampleNoise(1, new SeededRandom(seed)), which the worker's
 * latent walk and slider sample use (a unit test holds the two together).
 */
import { SeededRandom } from '../../core/shared/seededRandom';

export function seededNoise(seed: number, latentSize: number): Float32Array {
  return new SeededRandom(seed).fillNormal(new Float32Array(latentSize));
}

export interface SliderEdits {
  /** The seed of the noise the sliders were moved on. */
  seed: number;
  values: number[];
}

/** The learner's slider values, if they were set on this seed's noise (and cover every slider); else null. */
export function editedValues(edited: SliderEdits | null, seed: number, dims: number): number[] | null {
  return edited && edited.seed === seed && edited.values.length >= dims ? edited.values.slice(0, dims) : null;
}

/** Slider values: the seed's own first numbers unless the learner has moved a slider for this seed. */
export function sliderValues(base: ArrayLike<number>, dims: number, edited: SliderEdits | null, seed: number): number[] {
  return editedValues(edited, seed, dims) ?? Array.from({ length: Math.min(dims, base.length) }, (_, i) => base[i]);
}
