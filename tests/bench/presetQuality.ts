/**
 * Mode coverage on the benchmark ring (8 modes, radius 1, σ 0.01) and grid
 * (25 modes at {−4..4}², σ 0.05) over 5 seeds, VEEGAN/PacGAN style: 2,500
 * samples; high quality within 3σ of the nearest mode; a mode is covered when
 * it is the nearest mode of at least one high-quality sample. Figures only.
 * A second table follows the healthy-ring preset with the generator's weights averaged
 * (generatorAverage, an exponential moving average): the last iterate against the averaged
 * generator at several steps. It takes several minutes, so it is printed only when asked:
 * QUALITY_PART=average prints that table only, QUALITY_PART=all both (the default is the first only).
 * Run by runAll.ts in its own process: `node --import tsx tests/bench/presetQuality.ts`.
 */
import * as tf from '../../src/core/shared/tf';
import { GanTrainer } from '../../src/core/pointGan/ganTrainer';
import { selectWasmBackend } from '../../models/trainClassifier';
import { DEFAULT_SETTINGS, cloneSettings, type GanSettings } from '../../src/core/pointGan/ganSettings';
import { findPreset } from '../../src/core/adversarial/ganPresets';
import { COVERAGE_SAMPLE_COUNT, measureModeCoverage } from '../../src/core/points/modeCoverage';
import { SeededRandom } from '../../src/core/shared/seededRandom';
import { printTable } from './printTable';

const SEEDS = [1, 2, 3, 4, 5];
const STEPS = Number(process.env.QUALITY_STEPS ?? 3000);

interface Setup {
  label: string;
  settings: GanSettings;
  steps: number;
}

const withData = (s: GanSettings, dataset: 'ring' | 'grid'): GanSettings =>
  dataset === 'ring' ? { ...s, dataset, modes: 8, sigma: 0.01 } : { ...s, dataset, modes: 25, sigma: 0.05 };

function setups(): Setup[] {
  const base = cloneSettings(DEFAULT_SETTINGS);
  const list: Setup[] = [
    { label: 'ring, default settings', settings: withData(base, 'ring'), steps: STEPS },
    { label: 'grid, default settings', settings: withData(base, 'grid'), steps: STEPS },
  ];
  // The ring presets at their own step budgets: does their story hold beyond the seed they ship with?
  for (const id of ['healthy-ring', 'mode-collapse', 'packing']) {
    const preset = findPreset(id);
    if (preset) list.push({ label: `ring, preset "${preset.title}"`, settings: cloneSettings(preset.settings), steps: preset.stepBudget });
    // What the healthy run's learning-rate decay buys: the same run with it off.
    if (preset && preset.settings.learningRateDecay) {
      list.push({ label: `ring, preset "${preset.title}", decay off`, settings: { ...cloneSettings(preset.settings), learningRateDecay: 0 }, steps: preset.stepBudget });
    }
  }
  return list;
}

function run(settings: GanSettings, seed: number, steps: number): { modes: number; highQuality: number; seconds: number } {
  const trainer = new GanTrainer({ ...settings, seed });
  const started = performance.now();
  try {
    for (let i = 0; i < steps; i++) trainer.trainEpoch(false);
    const samples = trainer.generate(trainer.sampleNoise(COVERAGE_SAMPLE_COUNT, new SeededRandom(seed).fork(77)));
    const coverage = measureModeCoverage(samples, trainer.distribution.modeCenters!, trainer.distribution.sigma);
    return { modes: coverage.modesCovered, highQuality: coverage.highQualityFraction, seconds: (performance.now() - started) / 1000 };
  } finally {
    trainer.dispose();
  }
}

const AVERAGE_DECAYS = [0.99, 0.999];
const AVERAGE_CHECKPOINTS = [500, 1000, 1500, 2000, 3000];

interface Scores {
  modes: number;
  highQuality: number;
}

/**
 * One run per seed and decay; the average never changes training (a unit test checks it),
 * so the last iterate's scores are the same in every run of a seed and are taken from the first.
 */
function averageTable(): void {
  const preset = findPreset('healthy-ring');
  if (!preset) throw new Error('no healthy-ring preset');
  // [checkpoint][column][seed]: column 0 is the last iterate, then one per decay.
  const scores: Scores[][][] = AVERAGE_CHECKPOINTS.map(() => [[], ...AVERAGE_DECAYS.map(() => [])]);
  let seconds = 0;
  for (const seed of SEEDS) {
    AVERAGE_DECAYS.forEach((decay, d) => {
      const trainer = new GanTrainer({ ...cloneSettings(preset.settings), seed, generatorAverage: decay });
      const started = performance.now();
      try {
        const noise = trainer.sampleNoise(COVERAGE_SAMPLE_COUNT, new SeededRandom(seed).fork(77));
        const centers = trainer.distribution.modeCenters!;
        const score = (samples: Float32Array): Scores => {
          const c = measureModeCoverage(samples, centers, trainer.distribution.sigma);
          return { modes: c.modesCovered, highQuality: c.highQualityFraction };
        };
        let done = 0;
        AVERAGE_CHECKPOINTS.forEach((at, k) => {
          for (; done < at; done++) trainer.trainEpoch(false);
          if (d === 0) scores[k][0].push(score(trainer.generate(noise)));
          scores[k][d + 1].push(score(trainer.generateAveraged(noise)));
        });
      } finally {
        trainer.dispose();
      }
      seconds += (performance.now() - started) / 1000;
    });
  }
  const cell = (list: Scores[]) => {
    const modes = list.map((s) => s.modes);
    const hq = list.reduce((a, s) => a + s.highQuality, 0) / list.length;
    return `${modes.join(',')} (${(modes.reduce((a, b) => a + b, 0) / modes.length).toFixed(1)}) · ${(100 * hq).toFixed(0)}%`;
  };
  printTable(
    `Healthy ring: last iterate against the averaged generator, seeds ${SEEDS.join(', ')} (TF.js ${tf.getBackend()} in Node)`,
    ['G steps', 'last iterate', ...AVERAGE_DECAYS.map((d) => `average, β ${d}`)],
    AVERAGE_CHECKPOINTS.map((at, k) => [String(at), ...scores[k].map(cell)]),
    [
      'Each cell: modes covered per seed (mean) · mean share of high-quality samples; 2,500 samples from the same noise in every column.',
      `The average is bias-corrected (a weighted mean of the iterates so far). Wall time ${seconds.toFixed(0)} s.`,
    ],
  );
}

// As the lab's worker runs it: wasm, single-threaded, with the fast kernels.
await selectWasmBackend();
const PART = process.env.QUALITY_PART ?? 'coverage';
const rows: string[][] = [];
for (const setup of PART === 'average' ? [] : setups()) {
  const results = SEEDS.map((seed) => run(setup.settings, seed, setup.steps));
  const modes = results.map((r) => r.modes);
  const hq = results.map((r) => 100 * r.highQuality);
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  rows.push([
    setup.label,
    `${mean(modes).toFixed(1)} / ${setup.settings.modes}`,
    `${Math.min(...modes)}–${Math.max(...modes)}`,
    `${mean(hq).toFixed(1)}%`,
    `${Math.min(...hq).toFixed(1)}–${Math.max(...hq).toFixed(1)}%`,
    String(setup.steps),
    `${results.reduce((a, r) => a + r.seconds, 0).toFixed(0)} s`,
  ]);
}
if (PART !== 'average') printTable(
  `Mode coverage over seeds ${SEEDS.join(', ')} (TF.js ${tf.getBackend()} in Node)`,
  ['set-up', 'modes (mean)', 'modes (range)', 'high quality', 'HQ range', 'G steps', 'wall time'],
  rows,
  [
    'Published figures (VEEGAN, PacGAN) use larger networks and far longer training; compare trends, not absolute values.',
    'Presets run at their own step budgets; set QUALITY_STEPS to change the budget of the default settings.',
  ],
);
if (PART !== 'coverage') averageTable();
process.exit(0);
