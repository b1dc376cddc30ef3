/**
 * The regeneration attack at toy scale: a marked toy face redrawn by the face-swap lab's shipped
 * autoencoder comes back the same size, still looking like the face, with the classic mark gone;
 * a character the model does not know is refused with the reason; no tensor is left behind.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../../src/core/shared/tf';
import { switchToAppBackend } from '../shared/appBackend';
import { readSwapNetFile, swapNetsOf, type SwapNetFile } from '../../../src/core/autoencoder/swapNetFile';
import { disposeSwapNets, type SwapNets } from '../../../src/core/autoencoder/sharedEncoderAutoencoder';
import { regenerateFace, regenerationProblem } from '../../../src/core/provenance/regeneration';
import { toyFaceChoice, toyFacePicture } from '../../../src/core/provenance/provenancePictures';
import { detectWatermark, embedWatermark, payloadBitAccuracy } from '../../../src/core/provenance/spreadSpectrumWatermark';
import { psnr } from '../../../src/core/provenance/imageQuality';

let file: SwapNetFile;
let nets: SwapNets;

beforeAll(async () => {
  expect(await switchToAppBackend()).toBe('wasm');
  file = readSwapNetFile(new Uint8Array(readFileSync(resolve(import.meta.dirname, '../../../models/faceSwap-toy-faces.weights'))));
  nets = swapNetsOf(file);
});
afterAll(() => nets && disposeSwapNets(nets));

describe('regenerateFace', () => {
  it('redraws a marked face of a character the model knows, and the mark does not survive', () => {
    const seed = [0, 1, 2, 3, 4].find((s) => toyFaceChoice(s).identity === 'juno')!;
    const original = toyFacePicture(seed);
    const payload = 0x2026_0101;
    const marked = embedWatermark(original, 'class key', payload, { strength: 5 }).picture;
    expect(detectWatermark(marked, 'class key', { strength: 5 }).detected).toBe(true);
    regenerateFace(nets, file, marked, 'juno');
    const tensors = tf.memory().numTensors;
    const redrawn = regenerateFace(nets, file, marked, 'juno');
    expect(tf.memory().numTensors).toBe(tensors);
    expect([redrawn.width, redrawn.height]).toEqual([128, 128]);
    // Still the face (a blurred one), not noise: over 15 dB against the unmarked original.
    expect(psnr(original, redrawn)).toBeGreaterThan(15);
    const found = detectWatermark(redrawn, 'class key', { strength: 5 });
    expect(found.detected).toBe(false);
    expect(payloadBitAccuracy(found, payload)).toBeLessThan(0.8);
  });

  it('refuses a character the model does not know, with the reason', () => {
    expect(regenerationProblem(file, 'mags')).toMatch(/knows only juno and orbo, so it cannot redraw mags/);
    expect(() => regenerateFace(nets, file, toyFacePicture(2), 'mags')).toThrow(/cannot be regenerated: the face-swap model knows only juno and orbo/);
  });
});
