/**
 * The face-swap networks as plain TF.js variables (no tf.layers), in the
 * digit GAN's style: each network is a list of named parameters (ParamSpec),
 * so a checkpoint saves and loads them by name.
 *
 *   encoder   s×s×C → conv 3×3 /2 (w) → conv /2 (2w) → conv /2 (4w) → dense → code (latent, linear)
 *   decoder   code → dense → (s/8)×(s/8)×4w → transposed conv 4×4 ×2 (2w) → ×2 (w) → ×2 (C), linear
 *
 * One encoder feeds both decoders (the classic deepfake); the comparison
 * variant gives each decoder its own encoder. Decoders upsample with 4×4
 * stride-2 transposed convolutions: every output pixel gets exactly 2×2 taps,
 * so there is no checkerboard, and registerWasmFastKernels() makes them fast on wasm.
 */
import * as tf from '../shared/tf';
import type { SeededRandom } from '../shared/seededRandom';
import { assignParams, checkParams, countParams, createParams, disposeParams, type ParamSpec, type WeightMap } from '../shared/namedParams';
import { channelsOf, type EncoderMode, type FaceSwapSettings } from './faceSwapSettings';

export type Side = 'a' | 'b';
export const SIDES: readonly Side[] = ['a', 'b'];

/** Which network: the shared encoder, one of the two separate ones, or a decoder. */
export type SwapNetRole = 'encoder' | 'encoderA' | 'encoderB' | 'decoderA' | 'decoderB';

/** Network shape: everything about the settings the parameters depend on. */
export type SwapNetShape = Pick<FaceSwapSettings, 'imageSize' | 'width' | 'latentSize'> & { channels: 1 | 3 };

export function shapeOf(s: FaceSwapSettings): SwapNetShape {
  return { imageSize: s.imageSize, width: s.width, latentSize: s.latentSize, channels: channelsOf(s) };
}

export interface SwapNet {
  readonly role: SwapNetRole;
  readonly shape: SwapNetShape;
  readonly specs: readonly ParamSpec[];
  /** Variables in spec order, by parameter name. */
  readonly params: ReadonlyMap<string, tf.Variable>;
}

export const ENCODER_KERNEL = 3;
export const DECODER_KERNEL = 4;
const LEAK = 0.2;

/** Checkpoint-name prefix of each network. */
export const ROLE_PREFIX: Record<SwapNetRole, string> = { encoder: 'enc', encoderA: 'encA', encoderB: 'encB', decoderA: 'decA', decoderB: 'decB' };

const bottleneck = (s: SwapNetShape) => s.imageSize / 8;

function dense(name: string, inSize: number, outSize: number, hidden: boolean): ParamSpec[] {
  return [
    { name: `${name}/kernel`, shape: [inSize, outSize], fanIn: inSize, fanOut: outSize, init: hidden ? 'he' : 'glorot' },
    { name: `${name}/bias`, shape: [outSize], fanIn: 0, fanOut: 0, init: 'zero' },
  ];
}

function conv(name: string, inCh: number, outCh: number): ParamSpec[] {
  const k = ENCODER_KERNEL;
  return [
    { name: `${name}/kernel`, shape: [k, k, inCh, outCh], fanIn: k * k * inCh, fanOut: k * k * outCh, init: 'he' },
    { name: `${name}/bias`, shape: [outCh], fanIn: 0, fanOut: 0, init: 'zero' },
  ];
}

/** A stride-2 transposed convolution, kernel [k, k, out, in]; each output pixel reads a quarter of the taps. */
function upConv(name: string, inCh: number, outCh: number, hidden: boolean): ParamSpec[] {
  const k = DECODER_KERNEL;
  return [
    { name: `${name}/kernel`, shape: [k, k, outCh, inCh], fanIn: (k * k * inCh) / 4, fanOut: (k * k * outCh) / 4, init: hidden ? 'he' : 'glorot' },
    { name: `${name}/bias`, shape: [outCh], fanIn: 0, fanOut: 0, init: 'zero' },
  ];
}

/** The parameter list of a network; names ("enc/conv1/kernel", "decB/up3/bias", …) are stable checkpoint keys. */
export function swapParamSpecs(role: SwapNetRole, s: SwapNetShape): ParamSpec[] {
  const p = ROLE_PREFIX[role];
  const w = s.width;
  const cells = bottleneck(s) ** 2;
  if (role.startsWith('encoder')) {
    return [
      ...conv(`${p}/conv1`, s.channels, w),
      ...conv(`${p}/conv2`, w, 2 * w),
      ...conv(`${p}/conv3`, 2 * w, 4 * w),
      ...dense(`${p}/code`, cells * 4 * w, s.latentSize, false),
    ];
  }
  return [
    ...dense(`${p}/project`, s.latentSize, cells * 4 * w, true),
    ...upConv(`${p}/up1`, 4 * w, 2 * w, true),
    ...upConv(`${p}/up2`, 2 * w, w, true),
    ...upConv(`${p}/up3`, w, s.channels, false),
  ];
}

export function swapParameterCount(role: SwapNetRole, s: SwapNetShape): number {
  return countParams(swapParamSpecs(role, s));
}

export function createSwapNet(role: SwapNetRole, shape: SwapNetShape, rng: SeededRandom): SwapNet {
  const specs = swapParamSpecs(role, shape);
  return { role, shape, specs, params: createParams(specs, rng) };
}

export function swapNetVariables(net: SwapNet): tf.Variable[] {
  return [...net.params.values()];
}

export function disposeSwapNet(net: SwapNet): void {
  disposeParams(net.params);
}

/** The encoders and decoders of one lab: with a shared encoder, encoderA and encoderB are the same network. */
export interface SwapNets {
  readonly mode: EncoderMode;
  readonly encoderA: SwapNet;
  readonly encoderB: SwapNet;
  readonly decoderA: SwapNet;
  readonly decoderB: SwapNet;
}

/** Builds the networks in a fixed order from one stream, so a seed always gives the same weights. */
export function createSwapNets(mode: EncoderMode, shape: SwapNetShape, rng: SeededRandom): SwapNets {
  const encoderA = createSwapNet(mode === 'shared' ? 'encoder' : 'encoderA', shape, rng);
  const encoderB = mode === 'shared' ? encoderA : createSwapNet('encoderB', shape, rng);
  const decoderA = createSwapNet('decoderA', shape, rng);
  const decoderB = createSwapNet('decoderB', shape, rng);
  return { mode, encoderA, encoderB, decoderA, decoderB };
}

/** Each network once (the shared encoder is not repeated). */
export function distinctNets(nets: SwapNets): SwapNet[] {
  return nets.mode === 'shared' ? [nets.encoderA, nets.decoderA, nets.decoderB] : [nets.encoderA, nets.encoderB, nets.decoderA, nets.decoderB];
}

export const encoderOf = (nets: SwapNets, side: Side): SwapNet => (side === 'a' ? nets.encoderA : nets.encoderB);
export const decoderOf = (nets: SwapNets, side: Side): SwapNet => (side === 'a' ? nets.decoderA : nets.decoderB);

export function disposeSwapNets(nets: SwapNets): void {
  for (const net of distinctNets(nets)) disposeSwapNet(net);
}

// Leaky ReLU as (1 − α)·relu(x) + α·x, as in the digit GAN: the same values, but the wasm
// backend runs LeakyRelu (and its gradient) as a slow scalar loop.
const leaky = (x: tf.Tensor) => tf.add(tf.mul(1 - LEAK, tf.relu(x)), tf.mul(LEAK, x));

const param = (net: SwapNet, name: string) => net.params.get(`${ROLE_PREFIX[net.role]}/${name}`)!;

function affine(net: SwapNet, name: string, x: tf.Tensor2D): tf.Tensor2D {
  return tf.fused.matMul({ a: x, b: param(net, `${name}/kernel`) as tf.Tensor2D, bias: param(net, `${name}/bias`) }) as tf.Tensor2D;
}

function checkImages(net: SwapNet, images: tf.Tensor4D): void {
  const { imageSize: s, channels: c } = net.shape;
  const [n, h, w, ch] = images.shape;
  if (n < 1 || h !== s || w !== s || ch !== c) throw new Error(`${net.role}: images must have shape [n,${s},${s},${c}], got [${images.shape.join(',')}]`);
}

/** Codes [n, latent] of images [n, s, s, C] in [-1, 1]. */
export function encode(net: SwapNet, images: tf.Tensor4D): tf.Tensor2D {
  if (!net.role.startsWith('encoder')) throw new Error(`${net.role} is not an encoder`);
  checkImages(net, images);
  const down = (name: string, x: tf.Tensor4D) =>
    leaky(tf.fused.conv2d({ x, filter: param(net, `${name}/kernel`) as tf.Tensor4D, strides: 2, pad: 'same', bias: param(net, `${name}/bias`) })) as tf.Tensor4D;
  const features = down('conv3', down('conv2', down('conv1', images)));
  return affine(net, 'code', tf.reshape(features, [images.shape[0], -1]) as tf.Tensor2D);
}

/**
 * Images [n, s, s, C] drawn from codes [n, latent]. The last layer is linear: a tanh there
 * saturates on the paper of sparse pictures (thin digits are ~95% background), and an
 * autoencoder of its own then settles on drawing blank pages. Training reads the 'raw'
 * output; pictures shown and scored are 'clamped' to [-1, 1].
 */
export function decode(net: SwapNet, codes: tf.Tensor2D, output: 'clamped' | 'raw' = 'clamped'): tf.Tensor4D {
  if (!net.role.startsWith('decoder')) throw new Error(`${net.role} is not a decoder`);
  const { latentSize, width } = net.shape;
  if (codes.shape[1] !== latentSize) throw new Error(`${net.role}: codes must have ${latentSize} values each, got ${codes.shape[1]}`);
  const n = codes.shape[0];
  const cells = bottleneck(net.shape);
  const up = (name: string, x: tf.Tensor4D) => {
    const kernel = param(net, `${name}/kernel`) as tf.Tensor4D;
    const [, h, w] = x.shape;
    return tf.add(tf.conv2dTranspose(x, kernel, [n, 2 * h, 2 * w, kernel.shape[2]], 2, 'same'), param(net, `${name}/bias`)) as tf.Tensor4D;
  };
  const h = tf.reshape(leaky(affine(net, 'project', codes)), [n, cells, cells, 4 * width]) as tf.Tensor4D;
  const out = up('up3', leaky(up('up2', leaky(up('up1', h)) as tf.Tensor4D)) as tf.Tensor4D);
  return output === 'raw' ? out : tf.clipByValue(out, -1, 1);
}

/** Weights by name, each network once. These are the live variables: read them, never dispose them. */
export function namedSwapWeights(nets: SwapNets): { name: string; tensor: tf.Tensor }[] {
  return distinctNets(nets).flatMap((net) => [...net.params].map(([name, tensor]) => ({ name, tensor })));
}

/** Throws a message naming the weight when the map lacks one of the networks' names or has it in another shape. */
export function checkSwapWeights(nets: SwapNets, weights: WeightMap): void {
  for (const net of distinctNets(nets)) checkParams(net.role, net.params, weights);
}

/** Overwrites every weight from a map by name, after checking them all, so a bad checkpoint changes nothing. */
export function loadSwapWeights(nets: SwapNets, weights: WeightMap): void {
  checkSwapWeights(nets, weights);
  for (const net of distinctNets(nets)) assignParams(net.params, weights);
}
