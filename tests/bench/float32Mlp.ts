/**
 * A multilayer perceptron on plain Float32Arrays with hand-written backprop,
 * for the Float32Gan benchmark floor. Initialised exactly like mlp.ts's
 * createMlp (same scheme, same draws from the same generator), and every
 * buffer is allocated up front for at most `maxRows` input rows.
 */
import type { Activation } from '../../src/core/pointGan/ganSettings';
import type { SeededRandom } from '../../src/core/shared/seededRandom';

const LEAKY_ALPHA = 0.2;

export class Float32Mlp {
  readonly sizes: number[];
  readonly activation: Activation;
  /** w0, b0, w1, b1, …; weights row-major [fanIn, fanOut] as in the TF.js variables. */
  readonly params: Float32Array[];
  readonly grads: Float32Array[];
  /** activations[l] is layer l's output (post-activation; the last one is linear). */
  private readonly activations: Float32Array[];
  /** deltas[l]: ∂L/∂(input of layer l); deltas[0] is ∂L/∂input. */
  private readonly deltas: Float32Array[];
  private input: Float32Array;
  private readonly maxRows: number;

  constructor(sizes: number[], activation: Activation, rng: SeededRandom, maxRows: number) {
    this.sizes = [...sizes];
    this.activation = activation;
    this.maxRows = maxRows;
    this.params = [];
    for (let i = 0; i + 1 < sizes.length; i++) {
      const fanIn = sizes[i];
      const fanOut = sizes[i + 1];
      const isOutput = i + 2 === sizes.length;
      const scale = !isOutput && activation !== 'tanh' ? Math.sqrt(6 / fanIn) : Math.sqrt(6 / (fanIn + fanOut));
      this.params.push(rng.fillUniform(new Float32Array(fanIn * fanOut), -scale, scale), new Float32Array(fanOut));
    }
    this.grads = this.params.map((p) => new Float32Array(p.length));
    this.activations = sizes.slice(1).map((s) => new Float32Array(maxRows * s));
    this.deltas = sizes.slice(0, -1).map((s) => new Float32Array(maxRows * s));
    this.input = new Float32Array(0);
  }

  private get layerCount(): number {
    return this.sizes.length - 1;
  }

  /** The last forward pass's outputs (first rows × outputSize values are valid). */
  get output(): Float32Array {
    return this.activations[this.layerCount - 1];
  }

  /** ∂L/∂input from the last backward pass with inputGradOnly. */
  get inputGrad(): Float32Array {
    return this.deltas[0];
  }

  forward(input: Float32Array, rows: number): void {
    if (rows > this.maxRows) throw new Error(`at most ${this.maxRows} rows fit this network's buffers, got ${rows}`);
    this.input = input;
    for (let l = 0; l < this.layerCount; l++) {
      const fanIn = this.sizes[l];
      const fanOut = this.sizes[l + 1];
      const h = l === 0 ? input : this.activations[l - 1];
      const z = this.activations[l];
      const w = this.params[2 * l];
      const b = this.params[2 * l + 1];
      for (let r = 0; r < rows; r++) {
        const zo = r * fanOut;
        for (let j = 0; j < fanOut; j++) z[zo + j] = b[j];
        for (let i = 0; i < fanIn; i++) {
          const hv = h[r * fanIn + i];
          if (hv === 0) continue; // relu zeros are common; skipping them is exact
          const wo = i * fanOut;
          for (let j = 0; j < fanOut; j++) z[zo + j] += hv * w[wo + j];
        }
      }
      if (l < this.layerCount - 1) this.activate(z, rows * fanOut);
    }
  }

  private activate(z: Float32Array, count: number): void {
    if (this.activation === 'relu') for (let k = 0; k < count; k++) z[k] = z[k] > 0 ? z[k] : 0;
    else if (this.activation === 'leakyRelu') for (let k = 0; k < count; k++) z[k] = z[k] > 0 ? z[k] : LEAKY_ALPHA * z[k];
    else for (let k = 0; k < count; k++) z[k] = Math.tanh(z[k]);
  }

  zeroGrads(): void {
    for (const g of this.grads) g.fill(0);
  }

  /**
   * Backprop of ∂L/∂output (rows × outputSize) through the last forward pass.
   * Adds parameter gradients into `grads`, or with inputGradOnly computes just ∂L/∂input.
   */
  backward(outputGrad: Float32Array, rows: number, inputGradOnly: boolean): void {
    for (let l = this.layerCount - 1; l >= 0; l--) {
      const fanIn = this.sizes[l];
      const fanOut = this.sizes[l + 1];
      const h = l === 0 ? this.input : this.activations[l - 1];
      const a = this.activations[l];
      // ∂L/∂(this layer's output); turned into ∂L/∂z in place by the activation's derivative.
      const dz = l === this.layerCount - 1 ? outputGrad : this.deltas[l + 1];
      if (l < this.layerCount - 1) this.activationGrad(dz, a, rows * fanOut);
      const w = this.params[2 * l];
      if (!inputGradOnly) {
        const dw = this.grads[2 * l];
        const db = this.grads[2 * l + 1];
        for (let r = 0; r < rows; r++) {
          const zo = r * fanOut;
          for (let j = 0; j < fanOut; j++) db[j] += dz[zo + j];
          for (let i = 0; i < fanIn; i++) {
            const hv = h[r * fanIn + i];
            if (hv === 0) continue;
            const wo = i * fanOut;
            for (let j = 0; j < fanOut; j++) dw[wo + j] += hv * dz[zo + j];
          }
        }
      }
      if (l > 0 || inputGradOnly) {
        const dh = this.deltas[l];
        for (let r = 0; r < rows; r++) {
          const zo = r * fanOut;
          for (let i = 0; i < fanIn; i++) {
            const wo = i * fanOut;
            let sum = 0;
            for (let j = 0; j < fanOut; j++) sum += dz[zo + j] * w[wo + j];
            dh[r * fanIn + i] = sum;
          }
        }
      }
    }
  }

  /** dz *= act'(z), written in terms of the activation a = act(z) (as TF.js's gradients are). */
  private activationGrad(dz: Float32Array, a: Float32Array, count: number): void {
    if (this.activation === 'relu') for (let k = 0; k < count; k++) dz[k] = a[k] > 0 ? dz[k] : 0;
    else if (this.activation === 'leakyRelu') for (let k = 0; k < count; k++) dz[k] = a[k] > 0 ? dz[k] : LEAKY_ALPHA * dz[k];
    else for (let k = 0; k < count; k++) dz[k] *= 1 - a[k] * a[k];
  }

  setParams(values: Float32Array[], name: string): void {
    if (values.length !== this.params.length) throw new Error(`${name}: expected ${this.params.length} weight arrays, got ${values.length}`);
    values.forEach((v, i) => {
      if (v.length !== this.params[i].length) throw new Error(`${name}: weight array ${i} has ${v.length} values, expected ${this.params[i].length}`);
      this.params[i].set(v);
    });
  }
}
