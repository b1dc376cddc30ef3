import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../../src/core/shared/tf';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmFastKernels } from '../../../src/core/shared/wasmFastKernels';
import { DiffusionTrainer } from '../../../src/core/diffusion/diffusionTrainer';
import { DEFAULT_DIFFUSION_SETTINGS, type DiffusionSettings } from '../../../src/core/diffusion/diffusionSettings';
import { GanRace, HEALTHY_RACE_GAN, MAX_CATCH_UP_STEPS, raceGanSettings } from '../../../src/core/diffusion/ganRace';
import { settingsProblems } from '../../../src/core/pointGan/ganSettings';
import { measureModeCoverage } from '../../../src/core/points/modeCoverage';

beforeAll(async () => {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  expect(await tf.setBackend('wasm')).toBe(true);
  registerWasmFastKernels();
});

const small = (change: Partial<DiffusionSettings> = {}): DiffusionSettings => ({ ...DEFAULT_DIFFUSION_SETTINGS, hidden: [32, 32], batchSize: 64, timesteps: 20, seed: 3, ...change });

/**
 * A race on a clock moved by hand: every denoiser step costs `diffusionMs`, every GAN step
 * `ganMs` (the trainers' step methods are wrapped to move the clock as they run). With
 * `countOnly`, a GAN step only counts (the schedule is what is tested, not the GAN).
 */
function handClockedRace(settings: DiffusionSettings, diffusionMs: number, ganMs: number, countOnly = false) {
  let now = 0;
  const trainer = new DiffusionTrainer(settings);
  const race = new GanRace(settings, () => now);
  const step = trainer.step.bind(trainer);
  trainer.step = (withStats?: boolean) => {
    now += diffusionMs;
    return step(withStats);
  };
  const epoch = race.gan.trainEpoch.bind(race.gan);
  race.gan.trainEpoch = (withStats?: boolean) => {
    now += ganMs;
    if (!countOnly) return epoch(withStats);
    race.gan.steps++;
    return null;
  };
  return { trainer, race, dispose: () => { race.dispose(); trainer.dispose(); } };
}

describe('GAN against diffusion on one clock', () => {
  it('races the healthy GAN on the same points and seed as the denoiser', () => {
    for (const dataset of ['ring', 'grid', 'moons', 'spiral'] as const) {
      const settings = raceGanSettings({ dataset, seed: 7 });
      expect(settingsProblems(settings)).toEqual([]);
      expect(settings).toMatchObject({ ...HEALTHY_RACE_GAN, dataset, seed: 7 });
    }
    // The adversarial lab's "Healthy ring": both networks 64 × 2, Adam at 0.001 (β₁ 0.5), non-saturating loss.
    expect(HEALTHY_RACE_GAN.generator).toMatchObject({ hidden: [64, 64], optimizer: 'adam', learningRate: 0.001, beta1: 0.5, beta2: 0.999 });
    expect(HEALTHY_RACE_GAN.discriminator).toMatchObject({ hidden: [64, 64], optimizer: 'adam', learningRate: 0.001, beta1: 0.5, beta2: 0.999 });
    expect(HEALTHY_RACE_GAN).toMatchObject({ loss: 'nonSaturating', dSteps: 1, batchSize: 256, packing: 1 });

    const { trainer, race, dispose } = handClockedRace(small({ dataset: 'grid' }), 1, 1);
    try {
      expect(Array.from(race.gan.distribution.modeCenters!)).toEqual(Array.from(trainer.distribution.modeCenters!));
      expect(race.gan.distribution.sigma).toBe(trainer.distribution.sigma);
      expect(race.gan.distribution.sigma).toBe(0.1);
    } finally {
      dispose();
    }
  });

  it('hands the GAN steps until its measured time has caught up with the denoiser\'s, whichever is slower', () => {
    // A GAN step costs a third of a denoiser step: three GAN steps per denoiser step.
    const cheap = handClockedRace(small(), 3, 1, true);
    try {
      for (let i = 0; i < 10; i++) cheap.race.step(cheap.trainer, false);
      expect(cheap.trainer.steps).toBe(10);
      expect(cheap.race.ganSteps).toBe(30);
      expect(cheap.race.seconds).toEqual({ diffusion: 0.03, gan: 0.03 });
    } finally {
      cheap.dispose();
    }
    // A GAN step costs 2.5 denoiser steps: it steps only when the denoiser has moved ahead.
    const dear = handClockedRace(small(), 2, 5, true);
    try {
      const ganSteps: number[] = [];
      for (let i = 0; i < 10; i++) {
        dear.race.step(dear.trainer, false);
        ganSteps.push(dear.race.ganSteps);
      }
      expect(ganSteps).toEqual([1, 1, 2, 2, 2, 3, 3, 4, 4, 4]);
      expect(dear.race.seconds).toEqual({ diffusion: 0.02, gan: 0.02 });
    } finally {
      dear.dispose();
    }
    // A clock too coarse to see a GAN step cannot stall training.
    const stalled = handClockedRace(small(), 1, 0, true);
    try {
      stalled.race.step(stalled.trainer, false);
      expect(stalled.race.ganSteps).toBe(MAX_CATCH_UP_STEPS);
    } finally {
      stalled.dispose();
    }
  });

  it('gives each trainer a comparable share of real wall time, and both then draw samples on the data', () => {
    const settings = small();
    const trainer = new DiffusionTrainer(settings);
    const race = new GanRace(settings);
    // The longest single GAN step, timed from outside.
    let longestGanStep = 0;
    const epoch = race.gan.trainEpoch.bind(race.gan);
    race.gan.trainEpoch = (withStats?: boolean) => {
      const t0 = performance.now();
      const out = epoch(withStats);
      longestGanStep = Math.max(longestGanStep, (performance.now() - t0) / 1000);
      return out;
    };
    try {
      const started = performance.now();
      while (race.seconds.diffusion < 1.2 || race.ganSteps < 5) race.step(trainer, false);
      const wall = (performance.now() - started) / 1000;
      const { diffusion, gan } = race.seconds;
      // By construction the GAN is never behind after a step, and ahead by at most one of its steps.
      expect(gan).toBeGreaterThanOrEqual(diffusion);
      expect(gan - diffusion).toBeLessThanOrEqual(longestGanStep + 1e-3);
      // Training took (nearly) all of the wall time, half each.
      expect(diffusion + gan).toBeLessThanOrEqual(wall + 1e-3);
      expect(diffusion + gan).toBeGreaterThan(0.8 * wall);
      expect(trainer.steps).toBeGreaterThan(1);

      const scores = race.score(trainer, 500, { sampler: 'ddim', steps: 10, seed: 4 });
      for (const side of [scores.diffusion, scores.gan]) {
        expect(side.samples.length).toBe(1000);
        expect(side.samples.every(Number.isFinite)).toBe(true);
        expect(side.samplesPerSecond).toBeGreaterThan(0);
        expect(side.modesCovered).toBe(measureModeCoverage(side.samples, trainer.distribution.modeCenters!, trainer.distribution.sigma).modesCovered);
        // A cloud, not one point: both spread over the plane.
        const xs = side.samples.filter((_, i) => i % 2 === 0);
        const mean = xs.reduce((a, x) => a + x, 0) / xs.length;
        expect(Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / xs.length)).toBeGreaterThan(0.05);
      }
      // Both have trained: their samples differ from those of untrained networks with the same seed.
      const fresh = new DiffusionTrainer(settings);
      const freshRace = new GanRace(settings);
      try {
        const untrained = freshRace.score(fresh, 500, { sampler: 'ddim', steps: 10, seed: 4 });
        expect(Array.from(untrained.diffusion.samples)).not.toEqual(Array.from(scores.diffusion.samples));
        expect(Array.from(untrained.gan.samples)).not.toEqual(Array.from(scores.gan.samples));
      } finally {
        freshRace.dispose();
        fresh.dispose();
      }
      // One pass of the generator against 10 passes of the denoiser: the GAN samples faster.
      expect(scores.gan.samplesPerSecond).toBeGreaterThan(scores.diffusion.samplesPerSecond);
      // The shown fakes come from fixed noise: the same points twice.
      expect(Array.from(race.shownFakes(50, 9))).toEqual(Array.from(race.shownFakes(50, 9)));
    } finally {
      race.dispose();
      trainer.dispose();
    }
  });

  it('leaks no tensor while racing, and puts a captured state back', () => {
    const { trainer, race, dispose } = handClockedRace(small(), 2, 1);
    try {
      race.step(trainer, true);
      const count = tf.memory().numTensors;
      for (let i = 0; i < 5; i++) race.step(trainer, i % 2 === 0);
      race.shownFakes(100, 1);
      race.score(trainer, 50, { sampler: 'ddim', steps: 5, seed: 1 });
      expect(tf.memory().numTensors).toBe(count);

      const state = race.capture();
      const before = race.shownFakes(100, 1);
      for (let i = 0; i < 3; i++) race.step(trainer, false);
      expect(Array.from(race.shownFakes(100, 1))).not.toEqual(Array.from(before));
      race.restore(state);
      expect(Array.from(race.shownFakes(100, 1))).toEqual(Array.from(before));
      expect(race.seconds).toEqual({ diffusion: 0.012, gan: 0.012 });
      expect(race.ganSteps).toBe(state.gan.steps);
    } finally {
      dispose();
    }
  });
});
