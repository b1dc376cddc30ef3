/**
 * A healthy state that keeps a copy of a model's weights by name (for labs whose trainers load
 * weights by name): `restore` hands the copy to the lab to load back, `dispose` frees it.
 */
import * as tf from '../../core/shared/tf';
import type { HealthyState } from './sessionAdapter';

export function keptWeights<Model>(
  named: readonly { name: string; tensor: tf.Tensor }[],
  steps: number,
  restore: (model: Model, weights: ReadonlyMap<string, tf.Tensor>) => void,
): HealthyState<Model> {
  const weights = new Map(named.map(({ name, tensor }) => [name, tf.clone(tensor)] as const));
  return {
    steps,
    restore: (model) => restore(model, weights),
    dispose: () => tf.dispose([...weights.values()]),
  };
}
