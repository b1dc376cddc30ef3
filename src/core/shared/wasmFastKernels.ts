/**
 * Image GANs lean on TF.js 4.22 wasm kernels that are slow or missing:
 * Conv2DBackpropInput (every transposed convolution and every convolution's input
 * gradient) is a naive loop, 5–100× slower than a convolution of the same size;
 * BatchMatMul with a transposed operand (every dense layer's gradient) is 5–9×
 * slower than transposing first, for all but tiny matrices; Conv2DBackpropFilter is missing
 * (wasmConvFilterGradient.ts registers it). This replaces the first two with the
 * same maths on the backend's fast paths.
 * Call once after the wasm backend is ready; harmless to call again. Cases the
 * replacements do not cover (other layouts, explicit padding) go to the original kernels.
 */
import * as tf from './tf';
import { registerWasmConvFilterGradient } from './wasmConvFilterGradient';

type KernelFunc = tf.KernelConfig['kernelFunc'];
type Padding = 'same' | 'valid';

/** Pads (or, for a negative amount, crops) one spatial axis at both ends. */
function padOrCrop(x: tf.Tensor4D, axis: 1 | 2, before: number, after: number): tf.Tensor4D {
  const pads: [number, number][] = [[0, 0], [0, 0], [0, 0], [0, 0]];
  pads[axis] = [Math.max(before, 0), Math.max(after, 0)];
  let y = before > 0 || after > 0 ? tf.pad(x, pads) : x;
  if (before < 0 || after < 0) {
    const begin = [0, 0, 0, 0];
    const size = [-1, -1, -1, -1];
    begin[axis] = Math.max(-before, 0);
    size[axis] = y.shape[axis] - begin[axis] - Math.max(-after, 0);
    y = tf.slice(y, begin, size);
  }
  return y;
}

/**
 * Which filter tap each phase of a transposed convolution reads along one axis, for a
 * stride s, kernel k and leading padding pt: output j = q·s + r sums dy[q + t − lead]·W[·]
 * over a window of t, and index k (one past the last tap) stands for a zero.
 * Output j reads dy[i] through tap j + pt − i·s when that lies in [0, k).
 */
function tapIndex(k: number, s: number, pt: number): { window: number; lead: number; index: number[] } {
  // Window offsets t cover every i = q + t − lead that some phase r reaches.
  const lowest = (r: number) => Math.ceil((r + pt - (k - 1)) / s); // i − q at the last tap
  const highest = (r: number) => Math.floor((r + pt) / s); // i − q at tap 0
  let lo = Infinity;
  let hi = -Infinity;
  for (let r = 0; r < s; r++) {
    lo = Math.min(lo, lowest(r));
    hi = Math.max(hi, highest(r));
  }
  const window = hi - lo + 1;
  const index: number[] = [];
  for (let r = 0; r < s; r++) {
    for (let t = 0; t < window; t++) {
      const tap = r + pt - (lo + t) * s;
      index.push(tap >= 0 && tap < k ? tap : k);
    }
  }
  return { window, lead: -lo, index };
}

/**
 * The phase filter [window_h, window_w, outC, s·s·inC] of a [kh, kw, inC, outC] filter:
 * channel (rh·s + rw)·inC + c feeds output pixel (q·s + rh, q'·s + rw), and a tap index of k
 * is a zero. Rearranged in a plain loop: the filter is small, and wasm's Gather and
 * six-axis Transpose took a quarter of a face-swap training step doing the same.
 */
function phaseFilter(
  w: Float32Array,
  [kh, kw, inC, outC]: [number, number, number, number],
  s: number,
  rows: { window: number; index: number[] },
  cols: { window: number; index: number[] },
): Float32Array {
  const channels = s * s * inC;
  const out = new Float32Array(rows.window * cols.window * outC * channels);
  for (let th = 0; th < rows.window; th++) {
    for (let tw = 0; tw < cols.window; tw++) {
      const base = (th * cols.window + tw) * outC * channels;
      for (let rh = 0; rh < s; rh++) {
        const y = rows.index[rh * rows.window + th];
        if (y === kh) continue;
        for (let rw = 0; rw < s; rw++) {
          const x = cols.index[rw * cols.window + tw];
          if (x === kw) continue;
          const channel = (rh * s + rw) * inC;
          for (let c = 0; c < inC; c++) {
            const from = ((y * kw + x) * inC + c) * outC;
            for (let o = 0; o < outC; o++) out[base + o * channels + channel + c] = w[from + o];
          }
        }
      }
    }
  }
  return out;
}

/**
 * The stride-s transposed convolution as s² small stride-1 convolutions, one per output
 * phase (sub-pixel convolution), run as one convolution whose output channels are then
 * interleaved into pixels: no multiply is spent on inserted zeros, and the slow wasm
 * DepthToSpace and Slice kernels are avoided when the sizes divide evenly.
 */
export function conv2dInputGradient(
  dy: tf.Tensor4D,
  filter: tf.Tensor4D,
  inputShape: [number, number, number, number],
  s: number,
  pad: Padding,
): tf.Tensor4D {
  const [kh, kw, inC, outC] = filter.shape;
  const [b, oh, ow] = dy.shape;
  const [, height, width] = inputShape;
  const lead = (size: number, out: number, k: number) => (pad === 'valid' ? 0 : Math.floor(Math.max((out - 1) * s + k - size, 0) / 2));
  const rows = tapIndex(kh, s, lead(height, oh, kh));
  const cols = tapIndex(kw, s, lead(width, ow, kw));
  const qh = Math.ceil(height / s);
  const qw = Math.ceil(width / s);
  return tf.tidy(() => {
    const kernel = tf.tensor4d(phaseFilter(filter.dataSync() as Float32Array, filter.shape, s, rows, cols), [rows.window, cols.window, outC, s * s * inC]);
    // dy padded (or, in odd cases, cropped) so the stride-1 convolution yields exactly qh × qw positions.
    const top = rows.lead;
    const left = cols.lead;
    const bottom = qh + rows.window - 1 - top - oh;
    const right = qw + cols.window - 1 - left - ow;
    const x = Math.min(top, left, bottom, right) >= 0
      ? tf.pad(dy, [[0, 0], [top, bottom], [left, right], [0, 0]])
      : padOrCrop(padOrCrop(dy, 1, top, bottom), 2, left, right);
    let y = tf.conv2d(x, kernel, 1, 'valid'); // [b, qh, qw, s²·inC]
    if (s > 1) y = tf.reshape(tf.transpose(tf.reshape(y, [b * qh, qw, s, s * inC]), [0, 2, 1, 3]), [b, qh * s, qw * s, inC]);
    return qh * s === height && qw * s === width ? y : tf.slice(y, [0, 0, 0, 0], [-1, height, width, -1]);
  });
}

function fastConv2dBackpropInput(original: KernelFunc): KernelFunc {
  return (args) => {
    const { dy, filter } = args.inputs as unknown as { dy: tf.Tensor4D; filter: tf.Tensor4D };
    const { strides, pad, dataFormat, dimRoundingMode, inputShape } = args.attrs as unknown as {
      strides: number | [number, number];
      pad: Padding | number | unknown[];
      dataFormat?: string;
      dimRoundingMode?: string;
      inputShape: [number, number, number, number];
    };
    const [sh, sw] = Array.isArray(strides) ? strides : [strides, strides];
    if ((pad !== 'same' && pad !== 'valid') || (dataFormat && dataFormat !== 'NHWC') || dimRoundingMode || sh !== sw) return original(args);
    return conv2dInputGradient(dy, filter, inputShape, sh, pad);
  };
}

/**
 * Below about this many multiply-adds per matrix, the generic loop beats an extra transpose
 * kernel (measured in Node on wasm: 150×9·9×9 takes 86 µs transposed first against 60 µs in
 * the loop; 256×16·16×16, 37 µs against 130 µs). The 2D lab's tiny networks live below it.
 */
const TRANSPOSE_FIRST_FROM = 20_000;

function fastBatchMatMul(original: KernelFunc): KernelFunc {
  return (args) => {
    const { a, b } = args.inputs as unknown as { a: tf.Tensor; b: tf.Tensor };
    const { transposeA, transposeB } = args.attrs as unknown as { transposeA: boolean; transposeB: boolean };
    if (!transposeA && !transposeB) return original(args);
    // Multiply-adds: every entry of a meets every column of the product.
    const productColumns = b.shape[b.shape.length - (transposeB ? 2 : 1)];
    if (a.size * productColumns < TRANSPOSE_FIRST_FROM) return original(args);
    const swapLast = (t: tf.Tensor) => tf.transpose(t, [...t.shape.keys()].map((i, _, all) => (i < all.length - 2 ? i : 2 * all.length - 3 - i)));
    const at = transposeA ? swapLast(a) : a;
    const bt = transposeB ? swapLast(b) : b;
    const out = original({ ...args, inputs: { a: at, b: bt }, attrs: { ...args.attrs, transposeA: false, transposeB: false } });
    if (at !== a) at.dispose();
    if (bt !== b) bt.dispose();
    return out;
  };
}

const replaced = new Set<string>();

export function registerWasmFastKernels(): void {
  registerWasmConvFilterGradient();
  const replacements = [
    ['Conv2DBackpropInput', fastConv2dBackpropInput],
    ['BatchMatMul', fastBatchMatMul],
  ] as const;
  for (const [name, wrap] of replacements) {
    if (replaced.has(name)) continue;
    const original = tf.getKernel(name, 'wasm');
    if (!original) continue; // wasm not loaded: nothing to speed up
    // The original's setupFunc has already run (the backend is initialised); keeping it covers a re-initialised backend.
    tf.unregisterKernel(name, 'wasm');
    tf.registerKernel({ ...original, kernelFunc: wrap(original.kernelFunc) });
    replaced.add(name);
  }
}
