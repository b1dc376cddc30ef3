/**
 * The detection lab on the training session, driven by a clock the test moves by hand: the
 * set and its spectra in the first frame, fakes equal to the digit lab's own for a seed,
 * training that lifts the held-out accuracy, a refused configure that changes nothing,
 * generalisation to another generator (and a row of the whole table), the learner's own forger used like a shipped one (and a
 * file that is not one refused with nothing changed), the last healthy state put back, and no
 * leaked tensors.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../../src/core/shared/tf';
import { switchToAppBackend } from '../../core/shared/appBackend';
import { splitDigits } from '../../../src/core/mnist/digitDataset';
import { decodeDigitCheckpoint, type DigitCheckpoint } from '../../../src/core/mnist/digitCheckpoint';
import { decodeDigitDiffusionCheckpoint } from '../../../src/core/denoising/digitDiffusionCheckpoint';
import { readSwapNetFile } from '../../../src/core/autoencoder/swapNetFile';
import { findPretrainedDigitGan, type PretrainedId } from '../../../src/core/mnist/pretrainedDigitGans';
import { drawGeneratorFakes } from '../../../src/core/detection/generatorFakes';
import { SpectrumAnalyser, meanLogPowerSpectrum } from '../../../src/core/detection/spectrum';
import { createDetectionSession, type DetectionTrainingSession, type DetectionAdapter } from '../../../src/worker/detection/detectionAdapter';
import { DEFAULT_DETECTION_SETTINGS, HELD_OUT_FRACTION, MATRIX_STEPS, PRETRAINED_IDS, type DetectionFrame, type DetectionSettings } from '../../../src/protocol/detection/detectionProtocol';
import { loadMnistDigits } from '../../../models/tools/mnistSource';
import { fakeDigits } from '../../core/detection/detectionData';
import { FakeClock, collect } from '../shared/sessionTestKit';

const MODELS = resolve(import.meta.dirname, '../../../models');
const checkpoint = async (id: PretrainedId): Promise<DigitCheckpoint> =>
  decodeDigitCheckpoint(new Uint8Array(readFileSync(resolve(MODELS, findPretrainedDigitGan(id)!.file))));

const diffusionModel = async () => decodeDigitDiffusionCheckpoint(new Uint8Array(readFileSync(resolve(MODELS, 'digitDiffusion.weights'))));
const faceSwapModel = async () => readSwapNetFile(new Uint8Array(readFileSync(resolve(MODELS, 'faceSwap-toy-faces.weights'))));

const scratch = { kind: 'scratch' } as const;
const settings = (overrides: Partial<DetectionSettings> = {}): DetectionSettings => ({ ...DEFAULT_DETECTION_SETTINGS, perClass: 300, ...overrides });

let session: DetectionTrainingSession;
let adapter: DetectionAdapter;
let clock: FakeClock;
const heldOutDigits = () => splitDigits(loadMnistDigits()).heldOut;

beforeAll(async () => {
  expect(await switchToAppBackend()).toBe('wasm');
});

function start() {
  clock = new FakeClock();
  ({ session, adapter } = createDetectionSession(clock));
  adapter.provide({ heldOutDigits: heldOutDigits(), checkpoint, classifier: () => Promise.reject(new Error('The classifier is not needed here.')), diffusionModel, faceSwapModel });
  return collect<DetectionFrame>(session, clock);
}

afterEach(() => session?.dispose());

describe('the detection lab on the training session', () => {
  it('draws the same fakes as the digit lab\'s trainer for a seed (unconditional and conditional)', async () => {
    for (const id of ['mlp', 'dcgan-conditional'] as const) {
      const ours = drawGeneratorFakes(await checkpoint(id), 12, 5);
      const reference = fakeDigits(id, 12, 5);
      expect(ours.length).toBe(12 * 784);
      let worst = 0;
      for (let i = 0; i < ours.length; i++) worst = Math.max(worst, Math.abs(ours[i] - reference[i]));
      expect(worst).toBeLessThan(1e-5);
    }
  });

  it('posts the set\'s spectra once, with the held-out scores, then trains the accuracy up while playing', async () => {
    const { frames, statuses } = start();
    expect(await session.configure(settings(), scratch)).toEqual({ settings: settings(), start: null });
    expect(statuses.at(-1)).toEqual({ kind: 'paused' });
    const first = frames.at(-1)!;
    const heldOut = Math.round(300 * HELD_OUT_FRACTION) * 2;
    expect(first.heldOutScores.length).toBe(heldOut);
    expect(first.heldOutLabels.filter((l) => l === 1).length).toBe(heldOut / 2);
    // Zero weights: P(fake) = ½ for every picture before the first step.
    expect([...first.heldOutScores].every((p) => p === 0.5)).toBe(true);
    const spectra = first.spectra!;
    expect(spectra).not.toBeNull();
    expect(spectra.realLogPower.length).toBe(28 * 28);
    expect(spectra.realRadial.length).toBe(20);
    expect(spectra.trainCount + spectra.heldOutCount).toBe(600);
    // The real spectrum is the mean log spectrum of the 300 real digits, computed again here.
    const reference = meanLogPowerSpectrum(realOf(300), 300, 28, 28);
    expect(Math.max(...[...spectra.realLogPower].map((v, i) => Math.abs(v - reference[i])))).toBeLessThan(1e-3);
    const rings = new SpectrumAnalyser(28, 28).radialAverage(reference);
    expect(spectra.realRadial[5]).toBeCloseTo(rings[5], 3);
    // The MLP GAN's fakes carry more high-frequency power than real digits (rings 12–19).
    const high = (r: Float32Array) => r.slice(12, 20).reduce((a, b) => a + b, 0) / 8;
    expect(high(spectra.fakeRadial) - high(spectra.realRadial)).toBeGreaterThan(0.5);

    session.setSpeed(20);
    session.play();
    clock.runUntil(2000);
    session.pause();
    const last = frames.at(-1)!;
    expect(last.steps).toBeGreaterThanOrEqual(300);
    expect(last.spectra).toBeNull();
    expect(last.accuracy).toBeGreaterThan(0.85);
    expect(last.auc).toBeGreaterThan(0.9);
    const metrics = frames.flatMap((f) => f.newMetrics);
    expect(metrics.length).toBeGreaterThan(3);
    expect(metrics.at(-1)!.loss).toBeLessThan(metrics[0].loss);
    expect(metrics.at(-1)!.accuracy).toBeGreaterThan(0.85);
    expect(metrics.at(-1)!.step).toBeLessThanOrEqual(last.steps);
  });

  it('refuses bad settings and keeps training the model it had', async () => {
    const { frames } = start();
    await session.configure(settings(), scratch);
    session.step();
    session.step();
    const before = { steps: frames.at(-1)!.steps, settings: session.settings, frames: frames.length, tensors: tf.memory().numTensors };
    await expect(session.configure(settings({ learningRate: -1 }), scratch)).rejects.toThrow(/learning rate must be between/);
    await expect(session.configure(settings({ perClass: 1e6 }), scratch)).rejects.toThrow(/pictures per class/);
    await expect(session.configure(settings({ generator: 'stylegan' as never }), scratch)).rejects.toThrow(/generator must be one of/);
    await expect(session.configure(settings(), { kind: 'pretrained', id: 'mlp' })).rejects.toThrow(/from scratch/);
    expect(session.settings).toEqual(before.settings);
    expect(frames.length).toBe(before.frames);
    expect(tf.memory().numTensors).toBe(before.tensors);
    session.step();
    expect(frames.at(-1)!.steps).toBe(before.steps + 1);
  });

  it('judges the trained detector on another generator\'s fakes', async () => {
    start();
    await session.configure(settings(), scratch);
    for (let s = 0; s < 200; s++) session.step();
    const same = await adapter.judgeGenerator(() => session.requireModel(), 'mlp');
    const other = await adapter.judgeGenerator(() => session.requireModel(), 'dcgan');
    expect(same).toMatchObject({ trainedOn: 'mlp', generator: 'mlp', detector: 'spectrum', steps: 200 });
    expect(same.accuracy).toBeGreaterThan(0.85);
    expect(other.generator).toBe('dcgan');
    // Trained on the MLP GAN's traces, it misses most of the DCGAN's fakes.
    expect(other.accuracy).toBeLessThan(same.accuracy - 0.15);
    expect(other.realPassed).toBe(same.realPassed);
    await expect(adapter.judgeGenerator(() => session.requireModel(), 'nope' as never)).rejects.toThrow(/no generator called "nope"/);
  });

  it('fills a row of the whole table with a fresh detector, as the lab would have trained it, leaving the lab\'s own detector as it was', async () => {
    start();
    await session.configure(settings({ perClass: 200 }), scratch);
    session.step();
    const tensors = tf.memory().numTensors;
    const row = await adapter.generalisationRow(() => session.requireModel(), 'mlp');
    expect(tf.memory().numTensors).toBe(tensors);
    expect(session.requireModel().detector.steps).toBe(1);
    expect(row).toMatchObject({ trainedOn: 'mlp', detector: 'spectrum', steps: MATRIX_STEPS.spectrum });
    expect(row.cells.map((c) => c.generator)).toEqual([...PRETRAINED_IDS, 'diffusion', 'face-swap']);
    // The diagonal cell is what the lab's own detector scores after the same steps on the same set.
    while (session.requireModel().detector.steps < MATRIX_STEPS.spectrum) session.step();
    const own = await adapter.judgeGenerator(() => session.requireModel(), 'mlp');
    const diagonal = row.cells.find((c) => c.generator === 'mlp')!;
    expect(diagonal).toEqual(own);
    expect(diagonal.accuracy).toBeGreaterThan(0.85);
    expect(diagonal.averagePrecision).toBeGreaterThan(0.9);
    // Every digit forger, the diffusion model too, is judged against the same real digits.
    for (const cell of row.cells) {
      expect(cell.averagePrecision).toBeGreaterThan(0);
      expect(cell.averagePrecision).toBeLessThanOrEqual(1);
      if (cell.generator !== 'face-swap') expect(cell.realPassed).toBe(diagonal.realPassed);
    }
  });

  it('sets the face-swap model\'s swaps against real toy faces, and judges each forger beside real pictures of its own kind', async () => {
    start();
    await session.configure(settings({ generator: 'face-swap', perClass: 120 }), scratch);
    const { spectra } = session.requireModel();
    expect(spectra.generatorName).toBe('Face swap (toy faces)');
    // The swaps are blurrier than the faces drawn by the renderer: less power at the highest frequencies.
    const high = (radial: Float32Array) => radial.slice(10).reduce((a, b) => a + b, 0) / (radial.length - 10);
    expect(high(spectra.realRadial) - high(spectra.fakeRadial)).toBeGreaterThan(1);
    // Real toy faces are not digits: the examples are not blank at the corners' paper value.
    expect(spectra.realExamples.some((v) => v > -0.9 && v < 0.9)).toBe(true);
    const tensors = tf.memory().numTensors;
    const row = await adapter.generalisationRow(() => session.requireModel(), 'face-swap');
    expect(tf.memory().numTensors).toBe(tensors);
    // A fresh detector trained on the swaps catches them.
    expect(row.cells.find((c) => c.generator === 'face-swap')!.accuracy).toBeGreaterThan(0.9);
    // What it learned (swaps are blurry) says nothing about digits: it calls the digit forgers' fakes real.
    for (const cell of row.cells.filter((c) => c.generator !== 'face-swap')) expect(cell.accuracy).toBeLessThan(0.65);
    const quiz = await adapter.quizItems(() => session.requireModel(), 'mlp', 3);
    // The quiz's real pictures are digits when its fakes are: every real one has blank paper in its corner.
    quiz.labels.forEach((label, k) => { if (label === 0) expect(quiz.images[k * 784]).toBeLessThan(-0.95); });
  });

  it('uses the learner\'s own forger like a shipped one; a file that is not one changes nothing', async () => {
    const { frames } = start();
    await session.configure(settings({ perClass: 100 }), scratch);
    for (let s = 0; s < 5; s++) session.step();
    // Not loaded yet: choosing it is refused, and the MLP GAN's detector trains on.
    expect(adapter.ownForger()).toBeNull();
    await expect(session.configure(settings({ perClass: 100, generator: 'own' }), scratch)).rejects.toThrow(/own forger is not loaded/);
    await expect(adapter.judgeGenerator(() => session.requireModel(), 'own')).rejects.toThrow(/own forger is not loaded/);
    const png = new Uint8Array(readFileSync(resolve(import.meta.dirname, '../../screenshots/adversarial-lab.png')));
    expect(() => adapter.loadOwnForger('picture.png', png)).toThrow(/"picture\.png" cannot be used as your own forger: it is a PNG picture/);
    expect(adapter.ownForger()).toBeNull();
    expect(session.settings?.generator).toBe('mlp');
    expect(frames.at(-1)!.steps).toBe(5);

    // The shipped MLP GAN's file under the learner's own name.
    const bytes = new Uint8Array(readFileSync(resolve(MODELS, findPretrainedDigitGan('mlp')!.file)));
    const summary = adapter.loadOwnForger('mine.weights', bytes);
    expect(summary).toMatchObject({ name: 'mine.weights', conditional: false });
    // Judging it does not disturb the detector trained on the MLP GAN.
    const onOwn = await adapter.judgeGenerator(() => session.requireModel(), 'own');
    expect(onOwn).toMatchObject({ trainedOn: 'mlp', generator: 'own', steps: 5 });

    await session.configure(settings({ perClass: 100, generator: 'own' }), scratch);
    const first = frames.at(-1)!;
    expect(first.spectra!.generator).toBe('own');
    expect(first.spectra!.generatorName).toBe('forger you loaded (mine.weights)');
    // Its fakes are the MLP GAN's for the same seed: the same fingerprint as choosing that one.
    const own = first.spectra!.fakeLogPower;
    session.step();
    const tensors = tf.memory().numTensors;
    for (let s = 0; s < 60; s++) session.step();
    expect(tf.memory().numTensors).toBe(tensors);
    const judged = await adapter.judgeGenerator(() => session.requireModel(), 'own');
    expect(judged).toMatchObject({ trainedOn: 'own', generator: 'own', steps: 61 });
    expect(judged.accuracy).toBeGreaterThan(0.8);
    const quiz = await adapter.quizItems(() => session.requireModel(), 'own', 4);
    expect(quiz.generator).toBe('own');
    expect(quiz.images.length).toBe(20 * 784);

    // A truncated file and another lab's model: refused, the forger loaded before stays, training goes on.
    expect(() => adapter.loadOwnForger('half.weights', bytes.slice(0, 5000))).toThrow(/truncated/);
    const swap = new Uint8Array(readFileSync(resolve(MODELS, 'faceSwap-digit-styles.weights')));
    expect(() => adapter.loadOwnForger('swap.weights', swap)).toThrow(/a face-swap model/);
    expect(adapter.ownForger()!.name).toBe('mine.weights');
    session.step();
    expect(frames.at(-1)!.steps).toBe(62);

    const shipped = start();
    await session.configure(settings({ perClass: 100, generator: 'mlp' }), scratch);
    expect(shipped.frames.at(-1)!.spectra!.fakeLogPower).toEqual(own);
  });

  it('deals the quiz (ten held-out real digits, ten fresh fakes, the detector\'s scores) and scores laundered pictures', async () => {
    start();
    await session.configure(settings({ perClass: 100 }), scratch);
    for (let s = 0; s < 30; s++) await session.step();
    const model = session.requireModel();
    const quiz = await adapter.quizItems(() => model, 'dcgan', 4);
    expect(quiz.labels.reduce((a, b) => a + b, 0)).toBe(10);
    expect(quiz.images.length).toBe(20 * 784);
    expect([...quiz.detectorScores]).toEqual([...model.detector.scores(quiz.images)]);
    // Every real slot is a held-out real digit.
    const realSlot = quiz.labels.indexOf(0);
    const picture = quiz.images.subarray(realSlot * 784, (realSlot + 1) * 784);
    const heldOut = model.heldOutReal;
    expect(Array.from({ length: heldOut.length / 784 }, (_, i) => i).some((i) => heldOut.subarray(i * 784, (i + 1) * 784).every((v, p) => v === picture[p]))).toBe(true);
    const pictures = adapter.heldOutPictures(model, 40);
    expect(pictures.labels.length).toBe(40);
    expect(adapter.scorePictures(model, pictures.images).length).toBe(40);
    expect(() => adapter.heldOutPictures(model, 1)).toThrow(/from 2 to/);
    await expect(adapter.armsRaceStart({ detector: 'spectrum', detectorWeight: -1, qualityWeight: 1, evasionSteps: 10, learningRate: 1e-3 })).rejects.toThrow(/detector weight/);
    await expect(adapter.armsRaceNext()).rejects.toThrow(/Start an arms race first/);
  });

  it('shows where the detector looks in a held-out picture: the pixel CNN\'s verdict on a digit comes from its blank paper', async () => {
    start();
    await session.configure(settings({ detector: 'pixel', learningRate: 0.01, batchSize: 32 }), scratch);
    const model = session.requireModel();
    // The detector's own steps (a session step would also judge the held-out set for its frame).
    for (let s = 0; s < 60; s++) model.detector.step();
    adapter.saliencyOf(model, 1, 0);
    const tensors = tf.memory().numTensors;
    const fake = adapter.saliencyOf(model, 1, 0);
    expect(tf.memory().numTensors).toBe(tensors);
    expect(fake).toMatchObject({ position: 0, label: 1, detector: 'pixel', steps: 60, realCount: 90, fakeCount: 90 });
    expect(fake.image).toEqual(model.heldOutFake.slice(0, 784));
    expect(fake.pFake).toBeCloseTo(adapter.scorePictures(model, fake.image)[0], 4);
    expect(fake.paperShare!).toBeGreaterThan(0.5);
    // Past the last picture gives the last; a real one is one of the held-out real digits.
    expect(adapter.saliencyOf(model, 0, 10_000).position).toBe(89);
    expect(adapter.saliencyOf(model, 0, 3).image).toEqual(model.heldOutReal.slice(3 * 784, 4 * 784));
    expect(() => adapter.saliencyOf(model, 2, 0)).toThrow(/real \(0\) or a fake \(1\)/);
  });

  it('keeps tensors flat while training either detector, and restores the last healthy weights', async () => {
    for (const detector of ['spectrum', 'pixel'] as const) {
      const { frames } = start();
      await session.configure(settings({ detector, perClass: 100, batchSize: 16, learningRate: detector === 'pixel' ? 0.01 : 0.05 }), scratch);
      session.step();
      const tensors = tf.memory().numTensors;
      for (let s = 0; s < 10; s++) session.step();
      expect(tf.memory().numTensors).toBe(tensors);
      // A rebuild (another backend) keeps the weights and the steps.
      const scores = frames.at(-1)!.heldOutScores;
      await session.rebuildOnCurrentBackend();
      expect(frames.at(-1)!.steps).toBe(11);
      expect(frames.at(-1)!.heldOutScores).toEqual(scores);
      expect(frames.at(-1)!.spectra).not.toBeNull();
      // The rebuilt optimizer holds its moments again after one step.
      session.step();
      expect(tf.memory().numTensors).toBe(tensors);
      session.dispose();
    }
  });
});

function realOf(count: number): Float32Array {
  const digits = heldOutDigits();
  // The adapter's pick: evenly spread over the held-out split.
  const size = 784;
  const out = new Float32Array(count * size);
  for (let i = 0; i < count; i++) {
    const k = Math.floor((i * digits.count) / count);
    for (let p = 0; p < size; p++) out[i * size + p] = (digits.pixels[k * size + p] / 255) * 2 - 1;
  }
  return out;
}
