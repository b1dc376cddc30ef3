/**
 * Named TF.js variables from a parameter list: seeded
 * He / Glorot uniform initialisation, and loading a checkpoint's tensors by name
 * after checking every one, so a bad checkpoint changes nothing. Shared by the
 * digit GANs, the face-swap autoencoders and the small judges (identity classifier, factor regressor).
 */
import * as tf from './tf';
import type { SeededRandom } from './seededRandom';
import type { NamedWeight } from './weightsBundle';

export interface ParamSpec {
  name: string;
  shape: number[];
  /** Fan-in seen by one output unit, for the init scale (0 = start at zero). */
  fanIn: number;
  fanOut: number;
  /** He scaling before a leaky ReLU, Glorot before tanh, a logit or a projection. */
  init: 'he' | 'glorot' | 'zero';
}

/** Tensors by parameter name, as a checkpoint holds them. */
export type WeightMap = ReadonlyMap<string, tf.Tensor> | Readonly<Record<string, tf.Tensor>>;

/** How many numbers the parameters hold in all. */
export function countParams(specs: readonly ParamSpec[]): number {
  return specs.reduce((n, p) => n + p.shape.reduce((a, b) => a * b, 1), 0);
}

export function disposeParams(params: ReadonlyMap<string, tf.Variable>): void {
  for (const v of params.values()) v.dispose();
}

export function createParams(specs: readonly ParamSpec[], rng: SeededRandom): Map<string, tf.Variable> {
  const params = new Map<string, tf.Variable>();
  for (const p of specs) {
    const size = p.shape.reduce((a, b) => a * b, 1);
    const scale = p.init === 'he' ? Math.sqrt(6 / p.fanIn) : Math.sqrt(6 / (p.fanIn + p.fanOut));
    const values = p.init === 'zero' ? new Float32Array(size) : rng.fillUniform(new Float32Array(size), -scale, scale);
    // Unnamed: TF.js variable names are global, and several models may coexist.
    params.set(p.name, tf.tidy(() => tf.variable(tf.tensor(values, p.shape), true)));
  }
  return params;
}

const weightOf = (weights: WeightMap, name: string): tf.Tensor | undefined =>
  weights instanceof Map ? weights.get(name) : (weights as Readonly<Record<string, tf.Tensor>>)[name];

/**
 * Throws a message naming the weight when the map lacks one of the names or has it in another shape.
 * Only shapes are read, so saved values (NamedWeight, by name) can be checked before any tensor is made.
 */
export function checkParams(what: string, params: ReadonlyMap<string, tf.Variable>, weights: WeightMap | ReadonlyMap<string, { readonly shape: readonly number[] }>): void {
  for (const [name, v] of params) {
    const t: { readonly shape: readonly number[] } | undefined = weights instanceof Map ? weights.get(name) : weightOf(weights as WeightMap, name);
    if (!t) throw new Error(`${what} weights: missing "${name}"`);
    if (t.shape.length !== v.shape.length || t.shape.some((d, i) => d !== v.shape[i])) {
      throw new Error(`${what} weights: "${name}" has shape [${t.shape.join(',')}], expected [${v.shape.join(',')}]`);
    }
  }
}

/** Overwrites every variable from the map by name; check first (checkParams). Extra names are ignored. */
export function assignParams(params: ReadonlyMap<string, tf.Variable>, weights: WeightMap): void {
  for (const [name, v] of params) tf.tidy(() => v.assign(tf.cast(weightOf(weights, name)!, 'float32')));
}

/** A copy of every parameter's values in `specs` order, as a checkpoint or a "last good state" keeps them. */
export function readParams(specs: readonly ParamSpec[], params: ReadonlyMap<string, tf.Variable>): NamedWeight[] {
  return specs.map((spec) => ({ name: spec.name, shape: [...spec.shape], data: params.get(spec.name)!.dataSync().slice() as Float32Array }));
}

/** Loads saved values by name after checking every one (checkParams), so a bad set changes nothing. */
export function loadParams(what: string, params: ReadonlyMap<string, tf.Variable>, saved: readonly NamedWeight[]): void {
  const map = new Map<string, tf.Tensor>();
  try {
    for (const w of saved) map.set(w.name, tf.tensor(w.data, w.shape));
    checkParams(what, params, map);
    assignParams(params, map);
  } finally {
    for (const t of map.values()) t.dispose();
  }
}
