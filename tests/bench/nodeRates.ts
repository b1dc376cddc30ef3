/**
 * Training rate in Node: GanTrainer on each TF.js backend (cpu, wasm) against
 * the same loop hand-written on Float32Arrays (Float32Gan), the floor any
 * backend's per-op overhead is measured against.
 */
import * as tf from '../../src/core/shared/tf';
import '@tensorflow/tfjs-backend-wasm';
import { GanTrainer } from '../../src/core/pointGan/ganTrainer';
import { registerWasmFastKernels } from '../../src/core/shared/wasmFastKernels';
import { Float32Gan } from './float32Gan';
import { BENCH_PRESETS, describeSettings } from './benchSettings';
import { measureEpochRate } from './measureRate';
import { formatRate, printTable } from './printTable';

const BACKENDS = ['cpu', 'wasm'] as const;

// The app runs wasm single-threaded (threads need cross-origin isolation); measure the same thing.
tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);

async function switchBackend(name: string): Promise<string | null> {
  try {
    if (!(await tf.setBackend(name))) return null;
    await tf.ready();
  } catch {
    return null;
  }
  // As the lab's worker does: wasm's transposed matMuls (every gradient) go to its fast path.
  if (tf.getBackend() === 'wasm') registerWasmFastKernels();
  return tf.getBackend() === name ? name : null;
}

export async function runNodeBenchmarks(seconds = 3): Promise<void> {
  const floors = new Map<string, number>();
  for (const preset of BENCH_PRESETS) {
    const gan = new Float32Gan(preset.settings);
    floors.set(preset.id, measureEpochRate(() => gan.trainEpoch(), seconds).epochsPerSecond);
  }

  const rows: (string | number)[][] = [];
  for (const backend of BACKENDS) {
    const active = await switchBackend(backend);
    for (const preset of BENCH_PRESETS) {
      const floor = floors.get(preset.id)!;
      if (!active) {
        rows.push([preset.label, `TF.js ${backend}`, '—', '—', `did not start (${tf.getBackend()} active)`]);
        continue;
      }
      const trainer = new GanTrainer(preset.settings);
      let tensorsBefore = 0;
      const rate = measureEpochRate(() => trainer.trainEpoch(false), seconds, 0.5, () => {
        tensorsBefore = tf.memory().numTensors;
      });
      const leaked = tf.memory().numTensors - tensorsBefore;
      trainer.dispose();
      rows.push([preset.label, `TF.js ${tf.getBackend()}`, formatRate(rate.epochsPerSecond), `${(rate.epochsPerSecond / floor).toFixed(2)}×`, leaked]);
    }
  }
  for (const preset of BENCH_PRESETS) {
    rows.push([preset.label, 'Float32Array floor', formatRate(floors.get(preset.id)!), '1.00×', '—']);
  }
  // Group by set-up (stable sort keeps the engine order within each).
  const order = (row: (string | number)[]) => BENCH_PRESETS.findIndex((p) => p.label === row[0]);
  rows.sort((a, b) => order(a) - order(b));
  printTable(
    `Training rate in Node ${process.version} (epochs per second, ≥${seconds} s each after a warm-up)`,
    ['set-up', 'engine', 'epochs/s', 'vs floor', 'tensors leaked'],
    rows,
    [
      'An epoch is dSteps discriminator steps then one generator step (no stats readback).',
      '"vs floor": TF.js rate ÷ the hand-written Float32Array loop (Float32Gan) on the same set-up.',
      ...BENCH_PRESETS.map((p) => `${p.label}: ${describeSettings(p.settings)}`),
    ],
  );
}
