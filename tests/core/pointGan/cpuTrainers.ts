/** The 2D GAN trainer tests' shared set-up: TF.js's cpu backend, and every trainer made disposed after each test. */
import { afterEach, beforeAll, expect } from 'vitest';
import * as tf from '../../../src/core/shared/tf';
import { GanTrainer } from '../../../src/core/pointGan/ganTrainer';
import type { GanSettings } from '../../../src/core/pointGan/ganSettings';

/** Call at the top of a test file: `trainer` makes a GanTrainer that `live` holds until the test ends. */
export function cpuTrainersPerTest(): { trainer: (settings: GanSettings) => GanTrainer; live: GanTrainer[] } {
  beforeAll(async () => {
    await tf.setBackend('cpu');
    expect(tf.getBackend()).toBe('cpu');
  });
  const live: GanTrainer[] = [];
  afterEach(() => {
    for (const t of live.splice(0)) t.dispose();
  });
  const trainer = (settings: GanSettings): GanTrainer => {
    const t = new GanTrainer(settings);
    live.push(t);
    return t;
  };
  return { trainer, live };
}
