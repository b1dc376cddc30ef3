/**
 * The point sets the diffusion lab learns (shared with the adversarial lab, core/points),
 * each at a fixed spread, and the scale that brings each to unit variance: the noise the
 * forward process adds is N(0, I), so the model works on data / scale and the views on data.
 */
import { makeDistribution, type DistributionSpec, type ToyDistribution } from '../points/toyDistributions';
import { SeededRandom } from '../shared/seededRandom';
import type { DiffusionDataset } from './diffusionSettings';

const SPECS: Record<DiffusionDataset, DistributionSpec> = {
  ring: { dataset: 'ring', modes: 8, sigma: 0.05 },
  grid: { dataset: 'grid', modes: 25, sigma: 0.1 },
  moons: { dataset: 'moons', modes: 1, sigma: 0.05 },
  spiral: { dataset: 'spiral', modes: 1, sigma: 0.03 },
};

/** The spread and mode count of each point set as the lab uses it (a GAN racing the denoiser learns the same). */
export function diffusionDataSpec(dataset: DiffusionDataset): DistributionSpec {
  return { ...SPECS[dataset] };
}

export interface DiffusionData {
  distribution: ToyDistribution;
  /** Per-coordinate standard deviation of the data (about the origin): model space is data / scale. */
  scale: number;
}

/** The distribution and its scale (measured once on a fixed draw, so it never depends on the run's seed). */
export function diffusionData(dataset: DiffusionDataset): DiffusionData {
  const distribution = makeDistribution(SPECS[dataset]);
  const draw = distribution.sample(4096, new SeededRandom(12345));
  let sum = 0;
  for (const v of draw) sum += v * v;
  return { distribution, scale: Math.sqrt(sum / draw.length) };
}
