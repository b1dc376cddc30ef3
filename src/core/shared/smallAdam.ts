/**
 * Adam (Kingma & Ba 2015) for small networks, such as the 2D lab's: the update of tf.train.adam,
 * float32 operation for float32 operation in the same order, so training follows the same path
 * to the last bit, but computed in one plain loop per variable. TF.js spends about a dozen kernel
 * calls per variable on it, which for a few thousand weights cost more than the arithmetic.
 *
 *   m ← β1·m + (1 − β1)·g        v ← β2·v + (1 − β2)·g²
 *   w ← w − α · (m / (1 − β1ᵗ)) / (√(v / (1 − β2ᵗ)) + ε)
 */
import * as tf from './tf';

const f32 = Math.fround;

/** A gradient or weight by name, as tf.Optimizer takes and gives them. */
type NamedTensor = { name: string; tensor: tf.Tensor };

export class SmallAdamOptimizer extends tf.Optimizer {
  static get className(): string {
    return 'SmallAdam';
  }

  private readonly moments = new Map<string, { m: Float32Array; v: Float32Array }>();
  /** β1ᵗ and β2ᵗ for the next update, as float32 (TF.js keeps them in scalar variables). */
  private accBeta1: number;
  private accBeta2: number;
  private readonly epsilon: number;

  constructor(public learningRate: number, readonly beta1 = 0.9, readonly beta2 = 0.999) {
    super();
    this.accBeta1 = f32(beta1);
    this.accBeta2 = f32(beta2);
    this.epsilon = f32(tf.backend().epsilon());
  }

  override applyGradients(variableGradients: tf.NamedTensorMap | NamedTensor[]): void {
    const named = Array.isArray(variableGradients)
      ? variableGradients.map((v) => [v.name, v.tensor] as const)
      : Object.entries(variableGradients);
    const b1 = f32(this.beta1);
    const b2 = f32(this.beta2);
    const c1 = f32(1 - this.beta1);
    const c2 = f32(1 - this.beta2);
    const oneMinusAcc1 = f32(1 - this.accBeta1);
    const oneMinusAcc2 = f32(1 - this.accBeta2);
    const eps = this.epsilon;
    const negRate = f32(-this.learningRate);
    for (const [name, gradient] of named) {
      if (gradient == null) continue;
      const variable = tf.engine().registeredVariables[name];
      if (!variable) throw new Error(`Adam was given a gradient for "${name}", which is not a variable.`);
      const g = gradient.dataSync() as Float32Array;
      const w = variable.dataSync() as Float32Array;
      let state = this.moments.get(name);
      if (!state) {
        state = { m: new Float32Array(w.length), v: new Float32Array(w.length) };
        this.moments.set(name, state);
      }
      const { m, v } = state;
      const next = new Float32Array(w.length);
      for (let i = 0; i < w.length; i++) {
        const gi = g[i];
        const mi = f32(f32(m[i] * b1) + f32(gi * c1));
        const vi = f32(f32(v[i] * b2) + f32(f32(gi * gi) * c2));
        m[i] = mi;
        v[i] = vi;
        const mHat = f32(mi / oneMinusAcc1);
        const vHat = f32(vi / oneMinusAcc2);
        next[i] = f32(f32(f32(mHat / f32(f32(Math.sqrt(vHat)) + eps)) * negRate) + w[i]);
      }
      const updated = tf.tensor(next, variable.shape, 'float32');
      variable.assign(updated);
      updated.dispose();
    }
    this.accBeta1 = f32(this.accBeta1 * b1);
    this.accBeta2 = f32(this.accBeta2 * b2);
    this.incrementIterations();
  }

  override dispose(): void {
    this.moments.clear();
  }

  override async getWeights(): Promise<NamedTensor[]> {
    throw new Error('SmallAdam keeps its moments in plain arrays; save the network weights instead.');
  }

  override async setWeights(): Promise<void> {
    throw new Error('SmallAdam starts its moments from zero; it cannot load optimizer weights.');
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { learningRate: this.learningRate, beta1: this.beta1, beta2: this.beta2 };
  }
}
