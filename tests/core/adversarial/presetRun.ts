/**
 * Runs a settings object the way the preset tests and the quality benchmark
 * need: seeded GanTrainer on TF.js's single-threaded wasm backend, with a trace
 * of the training stats and of where the fakes sit, and coverage at the end.
 */
import { GanTrainer, type StepStats } from '../../../src/core/pointGan/ganTrainer';
import type { GanSettings } from '../../../src/core/pointGan/ganSettings';
import { findPreset } from '../../../src/core/adversarial/ganPresets';
import { COVERAGE_SAMPLE_COUNT, measureModeCoverage, type ModeCoverage } from '../../../src/core/points/modeCoverage';
import { SeededRandom } from '../../../src/core/shared/seededRandom';

export interface TraceRow extends StepStats {
  /** Generator steps done when the row was taken. */
  step: number;
  /** Mean position of a fixed set of fakes. */
  meanX: number;
  meanY: number;
}

export interface Snapshot {
  /** Null for datasets without modes. */
  coverage: ModeCoverage | null;
  /** Mean distance from a fake to its nearest mode centre (mixtures only; NaN otherwise). */
  meanDistance: number;
}

export interface RunResult {
  settings: GanSettings;
  steps: number;
  start: Snapshot;
  end: Snapshot;
  trace: TraceRow[];
  /** Final generator weights, for reproducibility checks. */
  generatorWeights: Float32Array[];
  seconds: number;
}

export interface RunOptions {
  /** Take a trace row every this many generator steps (a stats readback). */
  traceEvery?: number;
}

/** Noise the measurements use: fixed per seed, never drawn from the trainer's own streams. */
function evaluationRng(settings: GanSettings): SeededRandom {
  return new SeededRandom(7919 + settings.seed);
}

function snapshot(trainer: GanTrainer, noise: Float32Array): Snapshot {
  const centers = trainer.distribution.modeCenters;
  if (!centers) return { coverage: null, meanDistance: NaN };
  const fakes = trainer.generate(noise);
  let total = 0;
  for (let i = 0; i < fakes.length; i += 2) {
    let best = Infinity;
    for (let m = 0; m < centers.length; m += 2) best = Math.min(best, Math.hypot(fakes[i] - centers[m], fakes[i + 1] - centers[m + 1]));
    total += best;
  }
  return { coverage: measureModeCoverage(fakes, centers, trainer.distribution.sigma), meanDistance: total / (fakes.length / 2) };
}

function meanOf(points: Float32Array): [number, number] {
  let x = 0;
  let y = 0;
  for (let i = 0; i < points.length; i += 2) {
    x += points[i];
    y += points[i + 1];
  }
  const n = points.length / 2;
  return [x / n, y / n];
}

/** Trains `settings` for `steps` epochs (one generator step each) and measures what happened. */
export function runSettings(settings: GanSettings, steps: number, options: RunOptions = {}): RunResult {
  const traceEvery = options.traceEvery ?? 10;
  const started = performance.now();
  const trainer = new GanTrainer(settings);
  try {
    const rng = evaluationRng(settings);
    const coverageNoise = trainer.sampleNoise(COVERAGE_SAMPLE_COUNT, rng);
    const traceNoise = trainer.sampleNoise(256, rng);
    const start = snapshot(trainer, coverageNoise);
    const trace: TraceRow[] = [];
    for (let step = 1; step <= steps; step++) {
      const stats = trainer.trainEpoch(step === 1 || step % traceEvery === 0);
      if (stats) {
        const [meanX, meanY] = meanOf(trainer.generate(traceNoise));
        trace.push({ ...stats, step, meanX, meanY });
      }
    }
    const end = snapshot(trainer, coverageNoise);
    return {
      settings,
      steps,
      start,
      end,
      trace,
      generatorWeights: trainer.captureWeights().generator,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    trainer.dispose();
  }
}

/** Rows whose step lies in the last `fraction` of the run. */
export function lastPart(trace: TraceRow[], fraction: number): TraceRow[] {
  const last = trace.length ? trace[trace.length - 1].step : 0;
  return trace.filter((row) => row.step > last * (1 - fraction));
}

export function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

export function stdDev(values: number[]): number {
  const m = mean(values);
  return Math.sqrt(mean(values.map((v) => (v - m) ** 2)));
}

/** One line of figures for logs and development. */
export function describeRun(r: RunResult): string {
  const late = lastPart(r.trace, 0.25);
  const cov = r.end.coverage;
  const pick = (k: keyof StepStats) => mean(late.map((row) => row[k])).toPrecision(3);
  return [
    cov ? `modes ${cov.modesCovered}/${cov.modeCount}` : 'no modes',
    cov ? `hq ${(100 * cov.highQualityFraction).toFixed(1)}%` : '',
    `dist ${r.start.meanDistance.toFixed(3)}→${r.end.meanDistance.toFixed(3)}`,
    `early |∇G| ${mean(r.trace.slice(0, Math.max(1, Math.round(r.trace.length * 0.05))).map((row) => row.gradNormG)).toPrecision(3)}`,
    `late D(real) ${pick('dReal')} D(fake) ${pick('dFake')} |∇G| ${pick('gradNormG')}`,
    `mean-pos sd ${stdDev(late.map((row) => row.meanX)).toFixed(3)},${stdDev(late.map((row) => row.meanY)).toFixed(3)}`,
    `D(fake) sd ${stdDev(late.map((row) => row.dFake)).toFixed(3)}`,
    `${r.seconds.toFixed(1)} s`,
  ].filter(Boolean).join('  ');
}

/** Runs presets exactly as a learner loads them (own seed, step budget), each once per test file. */
export class PresetRuns {
  private readonly results = new Map<string, RunResult>();

  get(id: string): RunResult {
    let result = this.results.get(id);
    if (!result) {
      const preset = findPreset(id);
      if (!preset) throw new Error(`no preset ${id}`);
      result = runSettings(preset.settings, preset.stepBudget, { traceEvery: 10 });
      this.results.set(id, result);
    }
    return result;
  }
}

/** The last 30% of a run: where a preset's story has played out. */
export const late = (r: RunResult): TraceRow[] => lastPart(r.trace, 0.3);
export const modesCovered = (r: RunResult): number => r.end.coverage!.modesCovered;
/** How far the fakes closed in on the data: final mean distance to the nearest mode over the initial one. */
export const distanceLeft = (r: RunResult): number => r.end.meanDistance / r.start.meanDistance;
/** How much the centre of a fixed set of fakes keeps moving late in the run. */
export const swing = (r: RunResult): number =>
  Math.hypot(stdDev(late(r).map((row) => row.meanX)), stdDev(late(r).map((row) => row.meanY)));
