/**
 * The two set-ups every benchmark measures: GAN Lab's ring preset (the speed
 * reference students may know) and this lab's own default.
 */
import { DEFAULT_SETTINGS, cloneSettings, defaultNetwork, type GanSettings } from '../../src/core/pointGan/ganSettings';

/**
 * GAN Lab's ring: G has one hidden layer of 10 units, D two of 9; batch 150;
 * 3 D steps then 1 G step per epoch; plain SGD at 0.1 (D) and 0.03 (G);
 * non-saturating log loss; ReLU; 2D uniform noise; a ring of 8 modes, σ 0.01.
 */
export const GAN_LAB_RING: GanSettings = {
  ...cloneSettings(DEFAULT_SETTINGS),
  dataset: 'ring',
  modes: 8,
  sigma: 0.01,
  noiseDim: 2,
  noiseKind: 'uniform',
  loss: 'nonSaturating',
  packing: 1,
  dSteps: 3,
  batchSize: 150,
  generator: defaultNetwork({ hidden: [10], activation: 'relu', optimizer: 'sgd', momentum: 0, learningRate: 0.03 }),
  discriminator: defaultNetwork({ hidden: [9, 9], activation: 'relu', optimizer: 'sgd', momentum: 0, learningRate: 0.1 }),
};

export interface BenchPreset {
  id: string;
  label: string;
  settings: GanSettings;
}

export const BENCH_PRESETS: BenchPreset[] = [
  { id: 'ganlab-ring', label: 'GAN Lab ring (G 10, D 9-9, SGD)', settings: GAN_LAB_RING },
  { id: 'default', label: 'Our default (64-64, Adam)', settings: cloneSettings(DEFAULT_SETTINGS) },
];

/** One line describing the architecture, for table footnotes. */
export function describeSettings(s: GanSettings): string {
  const net = (n: GanSettings['generator']) => `${n.hidden.join('-') || 'none'} ${n.activation} ${n.optimizer} lr ${n.learningRate}`;
  return `${s.dataset} ${s.modes} σ ${s.sigma}; batch ${s.batchSize}; ${s.dSteps} D step(s)/epoch; ${s.loss}; G ${net(s.generator)}; D ${net(s.discriminator)}`;
}
