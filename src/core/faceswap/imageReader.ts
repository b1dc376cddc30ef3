/**
 * A small convolutional network that reads a picture and gives a few numbers:
 * the body of the face-swap lab's judges (the identity classifier's logits,
 * the factor regressor's factors). Named variables in the ParamSpec style, so
 * they save and load by name.
 *
 *   s×s×C → conv 3×3 /2 (w) → conv /2 (2w) → conv /2 (2w) → dense (hidden) + ReLU → dense (outputs)
 *
 * Also here: the judges' training augmentation (random blur, fading and noise), so
 * they judge what a picture shows rather than how crisp it is: a decoder's output is
 * always a little blurred and faded, and a judge that had only seen crisp pictures
 * would read that instead of the face.
 */
import * as tf from '../shared/tf';
import { SeededRandom } from '../shared/seededRandom';
import { matchWeights, type NamedWeight, type WeightsBundle } from '../shared/weightsBundle';
import { assignParams, checkParams, createParams, disposeParams, type ParamSpec, type WeightMap } from '../shared/namedParams';

export interface ReaderShape {
  imageSize: number;
  channels: 1 | 3;
  /** Channels of the first convolution. */
  width: number;
  hidden: number;
  outputs: number;
}

const KERNEL = 3;

export function readerSpecs(prefix: string, s: ReaderShape): ParamSpec[] {
  const conv = (name: string, inCh: number, outCh: number): ParamSpec[] => [
    { name: `${prefix}/${name}/kernel`, shape: [KERNEL, KERNEL, inCh, outCh], fanIn: KERNEL * KERNEL * inCh, fanOut: KERNEL * KERNEL * outCh, init: 'he' },
    { name: `${prefix}/${name}/bias`, shape: [outCh], fanIn: 0, fanOut: 0, init: 'zero' },
  ];
  const dense = (name: string, inSize: number, outSize: number, hidden: boolean): ParamSpec[] => [
    { name: `${prefix}/${name}/kernel`, shape: [inSize, outSize], fanIn: inSize, fanOut: outSize, init: hidden ? 'he' : 'glorot' },
    { name: `${prefix}/${name}/bias`, shape: [outSize], fanIn: 0, fanOut: 0, init: 'zero' },
  ];
  const cells = Math.ceil(s.imageSize / 8) ** 2;
  return [
    ...conv('conv1', s.channels, s.width),
    ...conv('conv2', s.width, 2 * s.width),
    ...conv('conv3', 2 * s.width, 2 * s.width),
    ...dense('hidden', cells * 2 * s.width, s.hidden, true),
    ...dense('out', s.hidden, s.outputs, false),
  ];
}

export class ImageReader {
  readonly specs: readonly ParamSpec[];
  readonly params: ReadonlyMap<string, tf.Variable>;

  constructor(
    readonly prefix: string,
    readonly shape: ReaderShape,
    seed: number,
  ) {
    this.specs = readerSpecs(prefix, shape);
    this.params = createParams(this.specs, new SeededRandom(seed));
  }

  get variables(): tf.Variable[] {
    return [...this.params.values()];
  }

  private param(name: string): tf.Variable {
    return this.params.get(`${this.prefix}/${name}`)!;
  }

  /** Outputs [n, outputs] of pictures [n, s, s, C] in [-1, 1]. */
  forward(images: tf.Tensor4D): tf.Tensor2D {
    const { imageSize: s, channels: c } = this.shape;
    const [n, h, w, ch] = images.shape;
    if (h !== s || w !== s || ch !== c) throw new Error(`${this.prefix}: pictures must have shape [n,${s},${s},${c}], got [${images.shape.join(',')}]`);
    return tf.tidy(() => {
      const down = (name: string, x: tf.Tensor4D) =>
        tf.fused.conv2d({ x, filter: this.param(`${name}/kernel`) as tf.Tensor4D, strides: 2, pad: 'same', bias: this.param(`${name}/bias`), activation: 'relu' }) as tf.Tensor4D;
      const features = tf.reshape(down('conv3', down('conv2', down('conv1', images))), [n, -1]) as tf.Tensor2D;
      const hidden = tf.fused.matMul({ a: features, b: this.param('hidden/kernel') as tf.Tensor2D, bias: this.param('hidden/bias'), activation: 'relu' });
      return tf.fused.matMul({ a: hidden, b: this.param('out/kernel') as tf.Tensor2D, bias: this.param('out/bias') }) as tf.Tensor2D;
    });
  }

  /** Outputs of n·s·s·C picture values, n·outputs floats, in batches to bound memory. */
  read(images: Float32Array, batchSize = 256): Float32Array {
    const { imageSize: s, channels: c, outputs } = this.shape;
    const size = s * s * c;
    const count = images.length / size;
    if (!Number.isInteger(count)) throw new Error(`${images.length} values are not a whole number of ${s}×${s}×${c} pictures`);
    const out = new Float32Array(count * outputs);
    for (let start = 0; start < count; start += batchSize) {
      const n = Math.min(batchSize, count - start);
      const t = tf.tidy(() => this.forward(tf.tensor4d(images.subarray(start * size, (start + n) * size), [n, s, s, c])));
      out.set(t.dataSync(), start * outputs);
      t.dispose();
    }
    return out;
  }

  namedWeights(): { name: string; tensor: tf.Tensor }[] {
    return [...this.params].map(([name, tensor]) => ({ name, tensor }));
  }

  loadWeights(weights: WeightMap): void {
    checkParams(this.prefix, this.params, weights);
    assignParams(this.params, weights);
  }

  /** The weights as a bundle's tensors (weightsBundle.ts), in spec order. */
  bundleWeights(): NamedWeight[] {
    return this.specs.map((spec) => ({ name: spec.name, shape: [...spec.shape], data: this.params.get(spec.name)!.dataSync() as Float32Array }));
  }

  /** Loads a bundle's tensors, refusing (and changing nothing) unless the names and shapes are exactly this network's. */
  loadBundle(bundle: WeightsBundle): void {
    const values = matchWeights(bundle, this.specs);
    tf.tidy(() => this.specs.forEach((spec, i) => this.params.get(spec.name)!.assign(tf.tensor(values[i], spec.shape))));
  }

  dispose(): void {
    disposeParams(this.params);
  }
}

/** Settings of a judge's training run. */
export interface ReaderTraining {
  steps: number;
  batchSize: number;
  learningRate: number;
  seed: number;
}

/**
 * The judges' augmentation, in place: each picture, with probability ½, is blurred by a
 * 3×3 box (mixed with the original by a random amount); with probability ½ its contrast
 * drops (every value pulled towards the picture's mean, keeping 60–100% of the difference);
 * then it gets Gaussian noise of a random strength up to `maxNoise`. Values stay in [-1, 1].
 * Decoders draw a little blurred and a little faded, and neither is what a judge should read.
 */
export function blurAndNoise(images: Float32Array, side: number, channels: number, rng: SeededRandom, maxNoise = 0.08): void {
  const size = side * side * channels;
  const copy = new Float32Array(size);
  for (let i = 0; i < images.length / size; i++) {
    const base = i * size;
    if (rng.next() < 0.5) {
      copy.set(images.subarray(base, base + size));
      const mix = rng.uniform(0.3, 1);
      for (let y = 0; y < side; y++) {
        for (let x = 0; x < side; x++) {
          for (let c = 0; c < channels; c++) {
            let sum = 0;
            let count = 0;
            for (let dy = -1; dy <= 1; dy++) {
              for (let dx = -1; dx <= 1; dx++) {
                const yy = y + dy;
                const xx = x + dx;
                if (yy < 0 || yy >= side || xx < 0 || xx >= side) continue;
                sum += copy[(yy * side + xx) * channels + c];
                count++;
              }
            }
            const at = base + (y * side + x) * channels + c;
            images[at] = (1 - mix) * copy[(y * side + x) * channels + c] + (mix * sum) / count;
          }
        }
      }
    }
    if (rng.next() < 0.5) {
      const keep = rng.uniform(0.6, 1);
      let mean = 0;
      for (let p = base; p < base + size; p++) mean += images[p];
      mean /= size;
      for (let p = base; p < base + size; p++) images[p] = mean + (images[p] - mean) * keep;
    }
    const noise = rng.uniform(0, maxNoise);
    for (let p = base; p < base + size; p++) images[p] = Math.min(1, Math.max(-1, images[p] + noise * rng.normal()));
  }
}
