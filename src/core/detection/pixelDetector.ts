/**
 * Detector (b): a small convolutional network on the pixels themselves. Two 3×3
 * convolutions with stride 2 (8 then 16 channels, leaky ReLU), then one dense logit.
 * For a 28×28 digit: 28 → 14 → 7, 16·7·7 = 784 numbers into the logit, 2,033 weights in all.
 *
 * Training convolutions on TF.js's wasm backend needs the Conv2DBackpropFilter kernel it
 * lacks: register it first (core/shared/wasmConvFilterGradient.ts, or
 * registerWasmFastKernels in core/shared/wasmFastKernels.ts), as the digit worker does.
 */
import * as tf from '../shared/tf';
import { SeededRandom } from '../shared/seededRandom';
import { countParams, createParams, disposeParams, type ParamSpec } from '../shared/namedParams';
import type { DetectionSet } from './detectionSet';
import { BinaryDetector } from './binaryDetector';
import { DEFAULT_PIXEL_DETECTOR_SETTINGS, type DetectorSettings } from './detectorSettings';

const LEAK = 0.2;
const WIDTHS = [8, 16] as const;

const leaky = (x: tf.Tensor) => tf.add(tf.mul(1 - LEAK, tf.relu(x)), tf.mul(LEAK, x));

/** Side length after a stride-2 'same' convolution. */
const halve = (n: number) => Math.ceil(n / 2);

export function pixelDetectorParams(height: number, width: number): ParamSpec[] {
  const flat = WIDTHS[1] * halve(halve(height)) * halve(halve(width));
  return [
    { name: 'conv1/kernel', shape: [3, 3, 1, WIDTHS[0]], fanIn: 9, fanOut: 9 * WIDTHS[0], init: 'he' },
    { name: 'conv1/bias', shape: [WIDTHS[0]], fanIn: 1, fanOut: 1, init: 'zero' },
    { name: 'conv2/kernel', shape: [3, 3, WIDTHS[0], WIDTHS[1]], fanIn: 9 * WIDTHS[0], fanOut: 9 * WIDTHS[1], init: 'he' },
    { name: 'conv2/bias', shape: [WIDTHS[1]], fanIn: 1, fanOut: 1, init: 'zero' },
    { name: 'out/kernel', shape: [flat, 1], fanIn: flat, fanOut: 1, init: 'glorot' },
    { name: 'out/bias', shape: [1], fanIn: 1, fanOut: 1, init: 'zero' },
  ];
}

export class PixelDetector extends BinaryDetector {
  private readonly params: Map<string, tf.Variable>;
  readonly parameterCount: number;

  constructor(train: DetectionSet, heldOut: DetectionSet, settings: DetectorSettings = DEFAULT_PIXEL_DETECTOR_SETTINGS) {
    super(train, heldOut, settings);
    const specs = pixelDetectorParams(train.height, train.width);
    this.parameterCount = countParams(specs);
    this.params = createParams(specs, new SeededRandom(settings.seed).fork(1));
    this.prepare(train);
  }

  protected inputs(images: Float32Array, count: number): tf.Tensor {
    return tf.tensor4d(images, [count, this.height, this.width, 1]);
  }

  protected logits(inputs: tf.Tensor): tf.Tensor2D {
    const p = this.params;
    const conv = (name: string, x: tf.Tensor4D) =>
      leaky(tf.fused.conv2d({ x, filter: p.get(`${name}/kernel`) as tf.Tensor4D, strides: 2, pad: 'same', bias: p.get(`${name}/bias`) })) as tf.Tensor4D;
    const features = conv('conv2', conv('conv1', inputs as tf.Tensor4D));
    const flat = tf.reshape(features, [inputs.shape[0], -1]) as tf.Tensor2D;
    return tf.fused.matMul({ a: flat, b: p.get('out/kernel') as tf.Tensor2D, bias: p.get('out/bias') }) as tf.Tensor2D;
  }

  protected variables(): tf.Variable[] {
    return [...this.params.values()];
  }

  protected disposeModel(): void {
    disposeParams(this.params);
  }
}
