/**
 * The digit forger's generators and discriminators as plain TF.js variables
 * (no tf.layers, no batch norm): a small MLP pair and a small DCGAN-style pair,
 * optionally class-conditional. Each network is a list of named parameters, so a
 * checkpoint can save and load them by name.
 *
 * Conditioning: G reads the one-hot class concatenated to its noise; D uses the
 * projection discriminator (Miyato & Koyama, 2018), D(x, y) = ψ(φ(x)) + ⟨e_y, φ(x)⟩,
 * which costs one small embedding instead of ten extra input channels.
 */
import * as tf from '../shared/tf';
import type { SeededRandom } from '../shared/seededRandom';
import { assignParams, checkParams, countParams, createParams, disposeParams, type ParamSpec, type WeightMap } from '../shared/namedParams';
import { CLASS_COUNT, IMAGE_PIXELS, IMAGE_SIZE, type DigitGanSettings } from './digitGanSettings';

export type DigitRole = 'generator' | 'discriminator';

export type { ParamSpec, WeightMap };

export interface DigitNet {
  readonly role: DigitRole;
  readonly settings: DigitGanSettings;
  readonly specs: readonly ParamSpec[];
  /** Variables in spec order, by parameter name. */
  readonly params: ReadonlyMap<string, tf.Variable>;
}

/**
 * Convolution kernel size. 3×3 is the cheapest that works on wasm, and at stride 2 it
 * overlaps unevenly (output pixels alternate between 2 and 1 taps per axis), so transposed
 * convolutions leave the checkerboard the detection lab looks for.
 */
export const KERNEL = 3;
const LEAK = 0.2;
const QUARTER = IMAGE_SIZE / 4; // the 7×7 feature map

const conditionWidth = (s: DigitGanSettings) => (s.conditional ? CLASS_COUNT : 0);

function dense(name: string, inSize: number, outSize: number, hidden: boolean): ParamSpec[] {
  return [
    { name: `${name}/kernel`, shape: [inSize, outSize], fanIn: inSize, fanOut: outSize, init: hidden ? 'he' : 'glorot' },
    { name: `${name}/bias`, shape: [outSize], fanIn: 0, fanOut: 0, init: 'zero' },
  ];
}

/** A stride-1 or stride-2 convolution ([k,k,in,out]) or a stride-2 transposed one ([k,k,out,in]). */
function conv(name: string, inCh: number, outCh: number, hidden: boolean, transposed = false): ParamSpec[] {
  // A stride-2 transposed convolution feeds each output pixel from about a quarter of its taps.
  const fanIn = (KERNEL * KERNEL * inCh) / (transposed ? 4 : 1);
  const shape = transposed ? [KERNEL, KERNEL, outCh, inCh] : [KERNEL, KERNEL, inCh, outCh];
  return [
    { name: `${name}/kernel`, shape, fanIn, fanOut: KERNEL * KERNEL * outCh, init: hidden ? 'he' : 'glorot' },
    { name: `${name}/bias`, shape: [outCh], fanIn: 0, fanOut: 0, init: 'zero' },
  ];
}

/** The parameter list of a network; names are stable checkpoint keys. */
export function paramSpecs(role: DigitRole, s: DigitGanSettings): ParamSpec[] {
  const w = (role === 'generator' ? s.generator : s.discriminator).width;
  const c = conditionWidth(s);
  if (role === 'generator') {
    const input = s.latentSize + c;
    if (s.architecture === 'mlp') return [...dense('g/dense1', input, w, true), ...dense('g/dense2', w, 2 * w, true), ...dense('g/out', 2 * w, IMAGE_PIXELS, false)];
    const transposed = s.upsampling === 'transposed';
    return [
      ...dense('g/project', input, QUARTER * QUARTER * 2 * w, true),
      ...conv('g/up1', 2 * w, w, true, transposed),
      ...conv('g/up2', w, 1, false, transposed),
    ];
  }
  const features = s.architecture === 'mlp' ? w : QUARTER * QUARTER * 2 * w;
  const body = s.architecture === 'mlp'
    ? [...dense('d/dense1', IMAGE_PIXELS, 2 * w, true), ...dense('d/dense2', 2 * w, w, true)]
    : [...conv('d/conv1', 1, w, true), ...conv('d/conv2', w, 2 * w, true)];
  const embed: ParamSpec[] = c ? [{ name: 'd/embed', shape: [c, features], fanIn: features, fanOut: c, init: 'glorot' }] : [];
  return [...body, ...dense('d/out', features, 1, false), ...embed];
}

export function parameterCount(role: DigitRole, s: DigitGanSettings): number {
  return countParams(paramSpecs(role, s));
}

export function createDigitNet(role: DigitRole, settings: DigitGanSettings, rng: SeededRandom): DigitNet {
  const specs = paramSpecs(role, settings);
  return { role, settings, specs, params: createParams(specs, rng) };
}

export function netVariables(net: DigitNet): tf.Variable[] {
  return [...net.params.values()];
}

export function disposeDigitNet(net: DigitNet): void {
  disposeParams(net.params);
}

function checkCondition(net: DigitNet, oneHot: tf.Tensor2D | null): void {
  if (net.settings.conditional !== (oneHot !== null)) {
    throw new Error(`${net.role}: ${net.settings.conditional ? 'a conditional model needs class labels' : 'an unconditional model takes no class labels'}`);
  }
}

// Leaky ReLU as (1 − α)·relu(x) + α·x and tanh as 2σ(2x) − 1: the same values, but the wasm
// backend runs LeakyRelu, Tanh and their gradients as scalar loops, several times slower than these ops.
const leaky = (x: tf.Tensor) => tf.add(tf.mul(1 - LEAK, tf.relu(x)), tf.mul(LEAK, x));
const tanh = (x: tf.Tensor) => tf.sub(tf.mul(2, tf.sigmoid(tf.mul(2, x))), 1);

function affine(net: DigitNet, name: string, x: tf.Tensor2D): tf.Tensor2D {
  const p = net.params;
  return tf.fused.matMul({ a: x, b: p.get(`${name}/kernel`) as tf.Tensor2D, bias: p.get(`${name}/bias`) }) as tf.Tensor2D;
}

/**
 * Nearest-neighbour ×2 upscaling by broadcasting each pixel over a 2×2 block. Same values as
 * tf.image.resizeNearestNeighbor, but TF.js 4.22's cpu ResizeNearestNeighborGrad is wrong for
 * batches larger than one, and on wasm this is faster both ways.
 */
function upscale2x(x: tf.Tensor4D): tf.Tensor4D {
  const [b, h, w, c] = x.shape;
  return tf.reshape(tf.mul(tf.reshape(x, [b * h, 1, w, 1, c]), tf.ones([1, 2, 1, 2, 1])), [b, 2 * h, 2 * w, c]);
}

/** Doubles the resolution: one transposed convolution, or nearest-neighbour upscaling then a convolution. */
function upsample(net: DigitNet, name: string, x: tf.Tensor4D): tf.Tensor4D {
  const kernel = net.params.get(`${name}/kernel`) as tf.Tensor4D;
  const bias = net.params.get(`${name}/bias`)!;
  const [b, h, w] = x.shape;
  if (net.settings.upsampling === 'transposed') {
    return tf.add(tf.conv2dTranspose(x, kernel, [b, 2 * h, 2 * w, kernel.shape[2]], 2, 'same'), bias);
  }
  return tf.fused.conv2d({ x: upscale2x(x), filter: kernel, strides: 1, pad: 'same', bias });
}

/** G(z[, y]): noise [n, latent] (+ one-hot classes [n, 10]) → images [n, 28, 28, 1] in [-1, 1]. */
export function generatorForward(net: DigitNet, noise: tf.Tensor2D, oneHot: tf.Tensor2D | null = null): tf.Tensor4D {
  checkCondition(net, oneHot);
  const n = noise.shape[0];
  const input = oneHot ? tf.concat([noise, oneHot], 1) : noise;
  if (net.settings.architecture === 'mlp') {
    const h = leaky(affine(net, 'g/dense2', leaky(affine(net, 'g/dense1', input)) as tf.Tensor2D)) as tf.Tensor2D;
    return tf.reshape(tanh(affine(net, 'g/out', h)), [n, IMAGE_SIZE, IMAGE_SIZE, 1]);
  }
  const projected = leaky(affine(net, 'g/project', input));
  const width = net.params.get('g/project/bias')!.shape[0] / (QUARTER * QUARTER);
  const h7 = tf.reshape(projected, [n, QUARTER, QUARTER, width]) as tf.Tensor4D;
  const h14 = leaky(upsample(net, 'g/up1', h7)) as tf.Tensor4D;
  return tanh(upsample(net, 'g/up2', h14)) as tf.Tensor4D;
}

/** D's features φ(x): the last hidden layer, flattened. */
function discriminatorFeatures(net: DigitNet, images: tf.Tensor4D): tf.Tensor2D {
  const n = images.shape[0];
  const p = net.params;
  if (net.settings.architecture === 'mlp') {
    const flat = tf.reshape(images, [n, IMAGE_PIXELS]) as tf.Tensor2D;
    return leaky(affine(net, 'd/dense2', leaky(affine(net, 'd/dense1', flat)) as tf.Tensor2D)) as tf.Tensor2D;
  }
  const convLayer = (name: string, x: tf.Tensor4D) =>
    leaky(tf.fused.conv2d({ x, filter: p.get(`${name}/kernel`) as tf.Tensor4D, strides: 2, pad: 'same', bias: p.get(`${name}/bias`) })) as tf.Tensor4D;
  return tf.reshape(convLayer('d/conv2', convLayer('d/conv1', images)), [n, -1]) as tf.Tensor2D;
}

/** D's raw output [n, 1] (a logit or a critic score) for images [n, 28, 28, 1] (+ one-hot classes). */
export function discriminatorForward(net: DigitNet, images: tf.Tensor4D, oneHot: tf.Tensor2D | null = null): tf.Tensor2D {
  checkCondition(net, oneHot);
  const features = discriminatorFeatures(net, images);
  const out = affine(net, 'd/out', features);
  if (!oneHot) return out;
  return tf.add(out, tf.sum(tf.mul(features, tf.matMul(oneHot, net.params.get('d/embed') as tf.Tensor2D)), 1, true)) as tf.Tensor2D;
}

/** Weights by name. These are the live variables: read them, never dispose them. */
export function namedWeights(net: DigitNet): { name: string; tensor: tf.Tensor }[] {
  return [...net.params].map(([name, tensor]) => ({ name, tensor }));
}

/** Throws a message naming the weight when the map lacks one of the network's names or has it in another shape. */
export function checkWeights(net: DigitNet, weights: WeightMap): void {
  checkParams(net.role, net.params, weights);
}

/**
 * Overwrites every weight of the network from a map by name, after checking them
 * all, so a bad checkpoint changes nothing. Extra names are ignored: one map may hold both networks.
 */
export function loadWeights(net: DigitNet, weights: WeightMap): void {
  checkWeights(net, weights);
  assignParams(net.params, weights);
}
