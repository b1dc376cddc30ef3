/**
 * Digit forger figures (not pass/fail), run by runAll.ts in its own process
 * (`node --import tsx tests/bench/digitGans.ts`): the Inception Score and Fréchet
 * distance of each shipped pretrained GAN beside real digits, and training steps
 * per second of each architecture per TF.js backend in Node.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as tf from '../../src/core/shared/tf';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmFastKernels } from '../../src/core/shared/wasmFastKernels';
import { decodeWeightsBundle } from '../../src/core/shared/weightsBundle';
import { CLASSIFIER_FORMAT, DigitClassifier, predictedClasses } from '../../src/core/mnist/digitClassifier';
import { DigitSampler, digitsToFloats, imagesTensor, pickDigits, splitDigits } from '../../src/core/mnist/digitDataset';
import { DigitQualityScorer } from '../../src/core/mnist/digitQuality';
import { DigitGanTrainer } from '../../src/core/digits/digitGanTrainer';
import { DEFAULT_DIGIT_SETTINGS, DEFAULT_WIDTH, cloneDigitSettings, type DigitGanSettings } from '../../src/core/mnist/digitGanSettings';
import { decodeDigitCheckpoint } from '../../src/core/mnist/digitCheckpoint';
import { PRETRAINED_DIGIT_GANS } from '../../src/core/mnist/pretrainedDigitGans';
import { SeededRandom } from '../../src/core/shared/seededRandom';
import { loadMnistDigits } from '../../models/tools/mnistSource';
import { formatRate, printTable } from './printTable';

const MODELS = resolve(import.meta.dirname, '../../models');
const SAMPLES = 1000;
const RATE_SECONDS = Number(process.env.DIGIT_RATE_SECONDS ?? 4);

tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
const { train, heldOut } = splitDigits(loadMnistDigits());

async function switchBackend(name: 'cpu' | 'wasm'): Promise<boolean> {
  try {
    if (!(await tf.setBackend(name))) return false;
    await tf.ready();
  } catch {
    return false;
  }
  if (name === 'wasm') registerWasmFastKernels();
  return tf.getBackend() === name;
}

const f = (v: number, digits = 3) => (Number.isFinite(v) ? v.toFixed(digits) : '—');

/**
 * Which digits a set of pictures holds, as the classifier reads them: the share of each class (in %),
 * and the entropy of that mix against its largest possible value, ln 10. A model that drops digits
 * shows it here (its Inception Score loses the missing entropy), where a blurry model does not.
 */
function classMix(classifier: DigitClassifier, images: Float32Array): { shares: string; entropy: string; doubt: string } {
  const { probabilities } = classifier.evaluate(images);
  const predicted = predictedClasses(probabilities);
  // The mean entropy of each picture's class probabilities: ln IS = (entropy of the mix) − this.
  let doubt = 0;
  for (const p of probabilities) if (p > 0) doubt -= p * Math.log(p);
  doubt /= predicted.length;
  const counts = new Array<number>(10).fill(0);
  for (const p of predicted) counts[p]++;
  let entropy = 0;
  for (const c of counts) if (c > 0) entropy -= (c / predicted.length) * Math.log(c / predicted.length);
  return {
    shares: counts.map((c) => Math.round((100 * c) / predicted.length)).join(' '),
    entropy: `${entropy.toFixed(2)} / ${Math.log(10).toFixed(2)}`,
    doubt: doubt.toFixed(2),
  };
}

async function qualityTable(): Promise<void> {
  await switchBackend('wasm');
  const classifier = DigitClassifier.fromBundle(decodeWeightsBundle(readFileSync(resolve(MODELS, 'digitClassifier.weights')), CLASSIFIER_FORMAT));
  const spread = Array.from({ length: SAMPLES }, (_, i) => Math.floor((i * train.count) / SAMPLES));
  const scorer = new DigitQualityScorer(classifier, digitsToFloats(heldOut, 0, heldOut.count), digitsToFloats(pickDigits(train, spread), 0, SAMPLES));
  const heldOutQuality = scorer.score(digitsToFloats(heldOut, 0, heldOut.count));
  const heldOutMix = classMix(classifier, digitsToFloats(heldOut, 0, heldOut.count));
  const rows: (string | number)[][] = [
    [`real held-out digits (all ${heldOut.count.toLocaleString('en')}; the FD reference)`, f(heldOutQuality.inceptionScore), '—', '—', heldOutMix.shares, heldOutMix.entropy, heldOutMix.doubt, '—', '—', '—'],
    [`real training digits (${SAMPLES.toLocaleString('en')})`, f(scorer.realBaseline.inceptionScore), f(scorer.realBaseline.frechetDistance, 2), '—', '—', '—', '—', '—', '—', '—'],
  ];
  for (const model of PRETRAINED_DIGIT_GANS) {
    let c;
    try {
      c = decodeDigitCheckpoint(new Uint8Array(readFileSync(resolve(MODELS, model.file))));
    } catch (error) {
      rows.push([model.id, `could not load: ${(error as Error).message}`, '', '', '', '', '', '', '', '']);
      continue;
    }
    const trainer = new DigitGanTrainer(c.settings);
    const tensors = new Map(c.weights.map((w) => [w.name, tf.tensor(w.data, w.shape)] as const));
    trainer.loadWeights(tensors);
    tf.dispose([...tensors.values()]);
    const rng = new SeededRandom(31337);
    const noise = trainer.sampleNoise(SAMPLES, rng);
    const labels = c.settings.conditional ? trainer.sampleLabels(SAMPLES, rng) : undefined;
    const images = trainer.generate(noise, labels);
    const q = scorer.score(images);
    let agreement = '—';
    if (labels) {
      const predicted = predictedClasses(classifier.evaluate(images).probabilities);
      agreement = `${((100 * predicted.filter((p, i) => p === labels[i]).length) / SAMPLES).toFixed(1)}%`;
    }
    const kib = readFileSync(resolve(MODELS, model.file)).length / 1024;
    const mix = classMix(classifier, images);
    rows.push([`pretrained ${model.id} (${SAMPLES.toLocaleString('en')} samples)`, f(q.inceptionScore), f(q.frechetDistance, 2), agreement, mix.shares, mix.entropy, mix.doubt, c.figures.steps, `${(c.figures.seconds / 60).toFixed(1)} min`, `${Math.round(kib)} KiB`]);
    trainer.dispose();
  }
  classifier.dispose();
  printTable('Digit GAN quality: classifier Inception Score (higher is better) and Fréchet distance to the held-out digits (lower is better)', ['digits', 'IS', 'FD', 'asked-for class', 'digits read 0–9 (%)', 'mix entropy', 'doubt', 'steps', 'trained', 'file'], rows, [
    'Fakes: fresh noise (seed 31337), not the noise the figures in the files were measured with.',
    '"asked-for class": share of a conditional model\'s samples the classifier reads as the class it was asked for.',
    '"digits read": share of the samples the classifier reads as each digit, 0 to 9; "mix entropy": the entropy of that mix, against ln 10 for an even one. A skewed mix is mode dropping, and costs the Inception Score directly.',
    '"doubt": the mean entropy of the classifier\'s probabilities for one picture (0 when it is sure of every digit). ln IS = mix entropy − doubt, so the two columns say whether a low score comes from missing digits or from digits the classifier cannot read.',
  ]);
}

interface RateSetup {
  label: string;
  settings: DigitGanSettings;
  /** The pretrained models' set-ups run on wasm only: TF.js's plain-JavaScript convolutions take tens of seconds a step. */
  wasmOnly: boolean;
}

function rateSetups(): RateSetup[] {
  const base = cloneDigitSettings(DEFAULT_DIGIT_SETTINGS);
  const withArch = (architecture: 'mlp' | 'dcgan', upsampling: 'transposed' | 'resize'): DigitGanSettings => {
    const s = { ...cloneDigitSettings(base), architecture, upsampling };
    s.generator.width = s.discriminator.width = DEFAULT_WIDTH[architecture];
    return s;
  };
  const describe = (s: DigitGanSettings) => `G ${s.generator.width} / D ${s.discriminator.width}, batch ${s.batchSize}${s.conditional ? ', conditional' : ''}`;
  const defaults = [withArch('mlp', 'transposed'), withArch('dcgan', 'transposed'), withArch('dcgan', 'resize')].map((s) => ({
    label: `${s.architecture === 'mlp' ? 'mlp' : `dcgan/${s.upsampling}`} (default widths: ${describe(s)})`,
    settings: s,
    wasmOnly: false,
  }));
  const pretrained = PRETRAINED_DIGIT_GANS.map((m) => ({
    label: `${m.settings.architecture === 'mlp' ? 'mlp' : `dcgan/${m.settings.upsampling}`} (pretrained ${m.id}: ${describe(m.settings)})`,
    settings: m.settings,
    wasmOnly: true,
  }));
  return [...defaults, ...pretrained];
}

/** Steps per second over at least RATE_SECONDS (and `minSteps` steps) after `warmup` steps, on real batches. */
function measure(settings: DigitGanSettings, warmup: number, minSteps: number): { rate: number; leaked: number } {
  const trainer = new DigitGanTrainer(settings);
  const sampler = new DigitSampler(train, 1);
  const step = () => {
    const b = sampler.nextBatch(settings.batchSize);
    const images = imagesTensor(b.images, 28, 28);
    trainer.step({ images, labels: settings.conditional ? b.labels : undefined });
    images.dispose();
  };
  for (let i = 0; i < warmup; i++) step();
  const tensors = tf.memory().numTensors;
  const start = performance.now();
  let steps = 0;
  while (steps < minSteps || performance.now() - start < RATE_SECONDS * 1000) {
    step();
    steps++;
  }
  const rate = steps / ((performance.now() - start) / 1000);
  const leaked = tf.memory().numTensors - tensors;
  trainer.dispose();
  return { rate, leaked };
}

async function rateTable(): Promise<void> {
  const rows: (string | number)[][] = [];
  for (const backend of ['wasm', 'cpu'] as const) {
    const active = await switchBackend(backend);
    for (const setup of rateSetups()) {
      if (setup.wasmOnly && backend !== 'wasm') continue;
      if (!active) {
        rows.push([setup.label, `TF.js ${backend}`, '—', 'did not start']);
        continue;
      }
      // One warm-up step and one timed step suffice where a step takes seconds.
      const { rate, leaked } = backend === 'wasm' ? measure(setup.settings, 2, 3) : measure(setup.settings, 1, 1);
      rows.push([setup.label, `TF.js ${backend}`, rate >= 1 ? formatRate(rate) : rate.toPrecision(2), leaked]);
    }
  }
  printTable(`Digit GAN training rate in Node ${process.version} (steps per second, ≥${RATE_SECONDS} s each)`, ['set-up', 'engine', 'steps/s', 'tensors leaked'], rows, [
    'A step is dSteps discriminator updates on a real batch and fresh fakes, then one generator update (no stats readback).',
    'wasm: single-threaded SIMD with the faster conv kernels (registerWasmFastKernels), as the app and the training scripts run it.',
    'cpu: TF.js\'s plain-JavaScript backend (the app\'s last resort), default widths only.',
  ]);
}

await qualityTable();
if (process.env.DIGIT_BENCH_QUALITY_ONLY !== "1") await rateTable();
