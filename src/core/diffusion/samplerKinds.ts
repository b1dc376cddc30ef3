/**
 * The 2D reverse samplers by name, which objective can use which, and the box x̂_0 is clipped
 * to. The samplers themselves are in diffusionSamplers.ts; these stand apart so that pages and
 * links can list the choices without loading TF.js.
 */
import type { DiffusionObjective } from './diffusionSettings';

export const SAMPLERS = ['ancestral', 'ddim', 'euler'] as const;
export type SamplerKind = (typeof SAMPLERS)[number];

/** x̂_0 is clipped to this box in model space (the data lies within about ±1.5 there). */
export const X0_CLIP = 3;

/** Which samplers an objective can use. */
export function samplersFor(objective: DiffusionObjective): readonly SamplerKind[] {
  return objective === 'velocity' ? ['euler'] : ['ancestral', 'ddim'];
}
