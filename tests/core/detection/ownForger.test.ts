/**
 * The learner's own forger: a digit forger's model file (written by the app's own encoder)
 * reads back and draws the same fakes as the checkpoint it was written from; a picture, a text
 * file, another lab's model, a truncated or corrupted file is refused with its reason.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../../src/core/shared/tf';
import { readOwnForger, OwnForgerError } from '../../../src/core/detection/ownForger';
import { drawGeneratorFakes } from '../../../src/core/detection/generatorFakes';
import { decodeDigitCheckpoint, encodeDigitCheckpoint } from '../../../src/core/mnist/digitCheckpoint';

const ROOT = resolve(import.meta.dirname, '../../..');
const file = (path: string) => new Uint8Array(readFileSync(resolve(ROOT, path)));

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('reading the learner\'s own forger', () => {
  it('reads a digit forger file written by the app\'s encoder and draws the same fakes as the checkpoint it came from', () => {
    const original = decodeDigitCheckpoint(file('models/digitGan-dcgan-conditional.weights'));
    // The digit lab's save writes full-precision weights with the same encoder.
    const bytes = encodeDigitCheckpoint(original);
    const own = readOwnForger('my-forger-step-4000.weights', bytes);
    expect(own.summary).toEqual({
      name: 'my-forger-step-4000.weights',
      architecture: 'conditional DCGAN (resize upsampling), latent 64, widths G 16 / D 16',
      conditional: true,
      steps: original.figures.steps,
      inceptionScore: original.figures.inceptionScore,
    });
    const tensors = tf.memory().numTensors;
    const ours = drawGeneratorFakes(own.checkpoint, 10, 3);
    const reference = drawGeneratorFakes(original, 10, 3);
    expect(tf.memory().numTensors).toBe(tensors);
    expect(ours).toEqual(reference);
    // Real pictures, not a constant: values spread over [-1, 1].
    expect(Math.max(...ours) - Math.min(...ours)).toBeGreaterThan(1);
  });

  it('reads the shipped float16 MLP GAN file too', () => {
    const own = readOwnForger('digitGan-mlp.weights', file('models/digitGan-mlp.weights'));
    expect(own.summary.architecture).toMatch(/^unconditional MLP GAN/);
    expect(own.checkpoint.weights.length).toBeGreaterThan(0);
  });

  it('refuses what is not a digit forger\'s model, with the reason', () => {
    const mlp = file('models/digitGan-mlp.weights');
    const refused = (name: string, bytes: Uint8Array) => {
      try {
        readOwnForger(name, bytes);
      } catch (error) {
        expect(error).toBeInstanceOf(OwnForgerError);
        const message = (error as Error).message;
        expect(message.startsWith(`"${name}" cannot be used as your own forger: `)).toBe(true);
        return message;
      }
      throw new Error(`"${name}" was accepted`);
    };
    expect(refused('lab.png', file('tests/screenshots/adversarial-lab.png'))).toMatch(/it is a PNG picture, not a digit forger's model; save one in the digit forger/);
    expect(refused('photo.jpg', Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]))).toMatch(/a JPEG picture/);
    expect(refused('notes.json', new TextEncoder().encode('  {"format": "deepfake-lab/adversarial-checkpoint"}'))).toMatch(/a JSON text file/);
    expect(refused('empty.weights', new Uint8Array(0))).toMatch(/the file is empty/);
    expect(refused('swap.weights', file('models/faceSwap-digit-styles.weights'))).toMatch(/it holds a face-swap model \("deepfake-lab\/face-swap@1"\), not a digit forger's \("deepfake-lab\/digit-gan@1"\)/);
    expect(refused('voice.weights', file('models/voice-juno-orbo.weights'))).toMatch(/a voice conversion model/);
    expect(refused('classifier.weights', file('models/digitClassifier.weights'))).toMatch(/the app's digit classifier/);
    expect(refused('half.weights', mlp.slice(0, mlp.length >> 1))).toMatch(/the weights file is unusable: it is truncated: tensor ".*" .* runs past the end of the file\.$/);
    expect(refused('header.weights', mlp.slice(0, 40))).toMatch(/truncated inside its header/);
    const corrupted = mlp.slice();
    corrupted[corrupted.length - 100] ^= 0x01;
    expect(refused('corrupted.weights', corrupted)).toMatch(/checksum does not match/);
    const text = new Uint8Array(64).fill(0x41);
    expect(refused('random.bin', text)).toMatch(/does not start with "DLWB", so it is not a weights file/);
    expect(() => readOwnForger('', mlp)).toThrow(/needs a name/);
  });
});
