/**
 * Tells in motion: the temporal signals on constructed clips (still, no blinks, scripted blinks,
 * flicker against a hand computation), the shipped face-swap model's frame-by-frame swap and
 * its tells, and the temporal detector separating seeded clips it has not seen, without leaking tensors.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../../src/core/shared/tf';
import { switchToAppBackend } from '../shared/appBackend';
import { readSwapNetFile, swapNetsOf, type SwapNetFile } from '../../../src/core/autoencoder/swapNetFile';
import { decode, disposeSwapNets, encode, type SwapNets } from '../../../src/core/autoencoder/sharedEncoderAutoencoder';
import { NEUTRAL_FACTORS } from '../../../src/core/toyfaces/faceFactors';
import {
  blinks, clipSignals, eyeOpenness, flicker, makeClipPair, renderClip, scriptFactors, temporalAccuracy, temporalDataset,
  networkSwapper, toyVideoDemo, trainTemporalDetector, VIDEO_FPS, type ClipSwapper, type ToyClip,
} from '../../../src/core/detection/toyVideo';

const FRAMES = 45; // 3 s
const MODELS = resolve(import.meta.dirname, '../../../models');
let file: SwapNetFile;
let nets: SwapNets;
let swap: ClipSwapper;

beforeAll(async () => {
  expect(await switchToAppBackend()).toBe('wasm');
  file = readSwapNetFile(new Uint8Array(readFileSync(resolve(MODELS, 'faceSwap-toy-faces.weights'))));
  nets = swapNetsOf(file);
  swap = networkSwapper(nets, file.settings);
});
afterAll(() => nets && disposeSwapNets(nets));

describe('temporal signals', () => {
  it('a still clip has no flicker and no blinks', () => {
    const clip = renderClip('juno', Array.from({ length: 6 }, () => ({ ...NEUTRAL_FACTORS })));
    expect(Array.from(flicker(clip))).toEqual([0, 0, 0, 0, 0, 0]);
    const s = clipSignals(clip);
    expect(s.blinks.rate).toBe(0);
    expect(s.openness[0]).toBeGreaterThan(0.6);
  });

  it('flicker is the mean |x_t − (x_{t−1} + x_{t+1})/2| over the face region', () => {
    const size = 8;
    const levels = [0, 0.4, 0.2, 0.2, -0.6];
    const pixels = new Float32Array(levels.length * size * size * 3);
    levels.forEach((v, i) => pixels.fill(v, i * size * size * 3, (i + 1) * size * size * 3));
    const clip: ToyClip = { identity: 'juno', frames: levels.length, size, fps: VIDEO_FPS, pixels, factors: [] };
    const f = flicker(clip);
    const expected = [0, Math.abs(0.4 - 0.1), Math.abs(0.2 - 0.3), Math.abs(0.2 + 0.2), 0];
    expected.forEach((e, i) => expect(f[i]).toBeCloseTo(e, 6));
  });

  it('a talking clip with no blinks has blink rate 0; scripted blinks are counted from the pixels', () => {
    const none = clipSignals(renderClip('juno', scriptFactors({ seed: 4, frames: FRAMES, blinkInterval: 1e6 })));
    expect(none.blinks.count).toBe(0);
    expect(none.blinks.rate).toBe(0);
    const script = scriptFactors({ seed: 4, frames: FRAMES, blinkInterval: 1 });
    const scripted = script.reduce((n, f, i) => n + (f.eyeOpen < -0.2 && (i === 0 || script[i - 1].eyeOpen >= -0.2) ? 1 : 0), 0);
    expect(scripted).toBeGreaterThanOrEqual(2);
    const measured = blinks(eyeOpenness(renderClip('juno', script)));
    expect(measured.count).toBe(scripted);
    expect(measured.depth).toBeLessThan(0.3);
  });

  it('the face-swap model swaps each frame on its own, and its swap blinks shallower and flickers more than the real clip', () => {
    const tensors = tf.memory().numTensors;
    const pair = makeClipPair(1, swap);
    expect(tf.memory().numTensors).toBe(tensors);
    expect(pair.swapped).toMatchObject({ identity: 'orbo', frames: pair.real.frames, size: 32 });
    // Frame 10 alone through the encoder and Orbo's decoder gives the swap's frame 10: no frame sees another.
    const stride = 32 * 32 * 3;
    const alone = tf.tidy(() => decode(nets.decoderB, encode(nets.encoderA, tf.tensor4d(pair.real.pixels.subarray(10 * stride, 11 * stride), [1, 32, 32, 3]))).dataSync());
    let worst = 0;
    for (let i = 0; i < stride; i++) worst = Math.max(worst, Math.abs(alone[i] - pair.swapped.pixels[10 * stride + i]));
    expect(worst).toBeLessThan(1e-4);
    const real = clipSignals(pair.real);
    const swapped = clipSignals(pair.swapped);
    expect(real.blinks.count).toBeGreaterThan(0);
    // At the real clip's deepest blink the swap's eyes stay more open than the blink threshold.
    const deepest = real.openness.indexOf(Math.min(...real.openness));
    expect(real.openness[deepest]).toBeLessThan(0.2);
    expect(swapped.openness[deepest]).toBeGreaterThan(0.4);
    expect(swapped.blinks.depth).toBeGreaterThan(real.blinks.depth);
    expect(swapped.features[2]).toBeGreaterThan(real.features[2]);
  });

  it('refuses a clip too short or of the wrong length', () => {
    expect(() => flicker({ identity: 'juno', frames: 2, size: 4, fps: 15, pixels: new Float32Array(96), factors: [] })).toThrow(/at least 3 frames/);
    expect(() => flicker({ identity: 'juno', frames: 3, size: 4, fps: 15, pixels: new Float32Array(10), factors: [] })).toThrow(/needs 144 values, not 10/);
    expect(() => scriptFactors({ seed: 1, frames: 1 })).toThrow(/at least 3/);
    expect(() => toyVideoDemo(-1, swap)).toThrow(/seed/);
    const digitStyles = readSwapNetFile(new Uint8Array(readFileSync(resolve(MODELS, 'faceSwap-digit-styles.weights'))));
    expect(() => networkSwapper(nets, digitStyles.settings)).toThrow(/swaps juno onto orbo, and this model does not/);
  });
});

describe('the temporal detector', () => {
  it('separates seeded clips it has not seen, its loss falls, and it leaves no tensor behind', () => {
    const train = temporalDataset(6, 100, swap, FRAMES);
    const test = temporalDataset(5, 900, swap, FRAMES);
    const before = tf.memory().numTensors;
    const model = trainTemporalDetector(train, 150);
    expect(tf.memory().numTensors).toBe(before);
    trainTemporalDetector(train, 1);
    expect(tf.memory().numTensors).toBe(before);
    expect(model.losses.at(-1)!).toBeLessThan(0.5 * model.losses[0]);
    expect(temporalAccuracy(model, test)).toBeGreaterThanOrEqual(0.9);
  });
});
