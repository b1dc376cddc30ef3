/**
 * The networks of a face-swap model file, read without its timeline: the same settings and
 * weights the face-swap lab's full reader gives, and a file of another kind refused with the reason.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSwapNetFile } from '../../../src/core/autoencoder/swapNetFile';
import { decodeFaceSwapCheckpoint } from '../../../src/core/faceswap/faceSwapCheckpoint';

const MODELS = resolve(import.meta.dirname, '../../../models');
const bytesOf = (name: string) => new Uint8Array(readFileSync(resolve(MODELS, name)));

describe('readSwapNetFile', () => {
  it('reads the same settings and network weights as the whole checkpoint, and nothing else', () => {
    const bytes = bytesOf('faceSwap-toy-faces-separate.weights');
    const nets = readSwapNetFile(bytes);
    const whole = decodeFaceSwapCheckpoint(bytes);
    expect(nets.settings).toEqual(whole.settings);
    expect(nets.weights.map((w) => w.name)).toEqual(whole.weights.map((w) => w.name));
    nets.weights.forEach((w, i) => expect(w.data).toEqual(whole.weights[i].data));
  });

  it('refuses a digit GAN\'s file and a cut-short one with the reason', () => {
    expect(() => readSwapNetFile(bytesOf('digitGan-mlp.weights'))).toThrow(/holds "deepfake-lab\/digit-gan@1", not "deepfake-lab\/face-swap@1"/);
    const bytes = bytesOf('faceSwap-toy-faces.weights');
    expect(() => readSwapNetFile(bytes.subarray(0, bytes.length - 100))).toThrow(/truncated/);
  });
});
