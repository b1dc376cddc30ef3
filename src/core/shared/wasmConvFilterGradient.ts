/**
 * TF.js's wasm backend has no Conv2DBackpropFilter kernel, so training any
 * convolution (or transposed convolution) on wasm throws. This registers one
 * built from ops wasm does have: the filter gradient of a strided convolution
 * is itself a convolution of the (padded) input with the output gradient,
 * dilated by the stride, with batch and channels swapped.
 * Call once after the wasm backend is imported; harmless to call again.
 */
import * as tf from './tf';

type Padding = 'same' | 'valid';

function totalPadding(pad: Padding, input: number, output: number, stride: number, kernel: number): number {
  return pad === 'valid' ? 0 : Math.max((output - 1) * stride + kernel - input, 0);
}

/** dL/dW of conv2d(x, W, strides, pad), from x [b,h,w,in] and dy [b,oh,ow,out]; NHWC, no dilation. */
export function conv2dFilterGradient(
  x: tf.Tensor4D,
  dy: tf.Tensor4D,
  filterShape: [number, number, number, number],
  strides: [number, number],
  pad: Padding,
): tf.Tensor4D {
  const [kh, kw] = filterShape;
  const [sh, sw] = strides;
  const ph = totalPadding(pad, x.shape[1], dy.shape[1], sh, kh);
  const pw = totalPadding(pad, x.shape[2], dy.shape[2], sw, kw);
  return tf.tidy(() => {
    const padded = tf.pad(x, [[0, 0], [Math.floor(ph / 2), ph - Math.floor(ph / 2)], [Math.floor(pw / 2), pw - Math.floor(pw / 2)], [0, 0]]);
    const channelsAsBatch = tf.transpose(padded, [3, 1, 2, 0]) as tf.Tensor4D; // [in, h', w', b]
    const gradientAsFilter = tf.transpose(dy, [1, 2, 0, 3]) as tf.Tensor4D; // [oh, ow, b, out]
    const full = tf.conv2d(channelsAsBatch, gradientAsFilter, 1, 'valid', 'NHWC', [sh, sw]); // [in, ≥kh, ≥kw, out]
    return tf.transpose(tf.slice(full, [0, 0, 0, 0], [-1, kh, kw, -1]), [1, 2, 0, 3]) as tf.Tensor4D;
  });
}

let registered = false;

export function registerWasmConvFilterGradient(): void {
  if (registered || tf.getKernel('Conv2DBackpropFilter', 'wasm')) {
    registered = true;
    return;
  }
  tf.registerKernel({
    kernelName: 'Conv2DBackpropFilter',
    backendName: 'wasm',
    kernelFunc: ({ inputs, attrs }) => {
      const { x, dy } = inputs as unknown as { x: tf.Tensor4D; dy: tf.Tensor4D };
      const { strides, pad, filterShape, dataFormat, dimRoundingMode } = attrs as unknown as {
        strides: number | [number, number];
        pad: Padding | number;
        filterShape: [number, number, number, number];
        dataFormat?: string;
        dimRoundingMode?: string;
      };
      if (typeof pad !== 'string' || (dataFormat && dataFormat !== 'NHWC') || dimRoundingMode) {
        throw new Error('Conv2DBackpropFilter on wasm supports NHWC with "same" or "valid" padding only.');
      }
      const stride: [number, number] = Array.isArray(strides) ? strides : [strides, strides];
      return conv2dFilterGradient(x, dy, filterShape, stride, pad);
    },
  });
  registered = true;
}
