/**
 * Trains the voice lab's pretrained models (core/voice/voiceCheckpoint.ts PRETRAINED_VOICE_MODELS):
 * Juno → Orbo with a shared encoder, and the same with separate encoders (the ablation), on
 * TF.js's WebAssembly backend (one thread), deterministically from each model's seed. Each file
 * holds a timeline of the preview's rebuild and conversion from step 0, and the judges' scores
 * (voiceJudges.ts) of conversions of 40 held-out utterances, measured on the float16 weights
 * the file ships.
 *
 *   npm run train:voice [-- --only juno-orbo --scale 0.1 --out-dir DIR]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as tf from '../src/core/shared/tf';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmFastKernels } from '../src/core/shared/wasmFastKernels';
import { Stft } from '../src/core/voice/stft';
import { TOY_VOICES } from '../src/core/voice/toyVoices';
import { framedUtterances } from '../src/core/voice/voiceFrames';
import { VoiceConversionTrainer, voiceTrainingData } from '../src/core/voice/voiceConversion';
import { judgeUtterances, resynthesised, trainVoiceJudges, type VoiceJudges } from '../src/core/voice/voiceJudges';
import {
  captureVoiceWeights, decodeVoiceCheckpoint, encodeVoiceCheckpoint, loadVoiceWeights, type VoiceScores, type VoiceSnapshot,
} from '../src/core/voice/voiceCheckpoint';
import { PRETRAINED_VOICE_MODELS, type PretrainedVoiceModel } from '../src/core/voice/pretrainedVoices';
import { modelPictures, previewUtterances } from '../src/core/voice/voicePreview';
import { ProgressBar, formatSeconds } from './tools/progressBar';

const HELD_OUT = 40;
const GRIFFIN_LIM_ITERATIONS = 32;
/** Where the timeline looks, as shares of the run (step 0 first). */
const TIMELINE_SHARES = [0, 0.01, 0.02, 0.04, 0.08, 0.15, 0.3, 0.5, 0.75, 1];

export interface VoiceReport {
  id: string;
  path: string;
  bytes: number;
  steps: number;
  seconds: number;
  scores: VoiceScores;
}

/** Judges over all four voices, trained on utterances from seeds training never uses (as tests/bench/voiceConversion.ts). */
export function voiceJudgesFor(frameSize: number): VoiceJudges {
  const stft = new Stft(frameSize);
  return trainVoiceJudges(TOY_VOICES.map((v) => v.id), TOY_VOICES.map((v, i) => framedUtterances(v.id, 30, 9000 + i, stft)), frameSize);
}

/** A → B conversions of held-out utterances of A, judged on the spectra and on the sound Griffin–Lim makes of them. */
export function scoreVoiceModel(trainer: VoiceConversionTrainer, judges: VoiceJudges, heldOut = HELD_OUT): VoiceScores {
  const s = trainer.settings;
  const stft = new Stft(s.frameSize);
  const us = framedUtterances(s.voiceA, heldOut, 7001, stft);
  const converted = us.map((u) => trainer.convert(u.logMagnitude, 'a', 'b'));
  const spectra = judgeUtterances(judges, converted, us, s.voiceB);
  const sound = judgeUtterances(judges, converted.map((lm, i) => resynthesised(lm, us[i].utterance.samples.length, stft, GRIFFIN_LIM_ITERATIONS, i + 1).logMagnitude), us, s.voiceB);
  return { calledTarget: spectra.calledVoice, vowelsKept: spectra.vowelsRead, calledTargetSound: sound.calledVoice, vowelsKeptSound: sound.vowelsRead, utterances: heldOut };
}

export function trainPretrainedVoice(model: PretrainedVoiceModel, steps: number, judges: VoiceJudges, out: string): VoiceReport {
  const settings = model.settings;
  const trainer = new VoiceConversionTrainer(settings, voiceTrainingData(settings));
  const preview = previewUtterances(settings.voiceA, settings.voiceB, new Stft(settings.frameSize)).a;
  const marks = new Set(TIMELINE_SHARES.map((f) => Math.round(f * steps)));
  const timeline: VoiceSnapshot[] = [];
  const bar = new ProgressBar(model.id.padEnd(20), steps);
  let last = { lossA: NaN, lossB: NaN };
  let seconds = 0;
  const snap = () => timeline.push({ step: trainer.steps, ...last, ...modelPictures(trainer, preview) });
  for (let i = 0; i <= steps; i++) {
    if (marks.has(i)) {
      if (i === 0) last = { lossA: 0, lossB: 0 };
      snap();
    }
    if (i === steps) break;
    const t0 = performance.now();
    last = trainer.step();
    seconds += (performance.now() - t0) / 1000;
    if (i === 0) timeline[0] = { ...timeline[0], ...last };
    bar.update(i + 1, `loss ${last.lossA.toFixed(3)} / ${last.lossB.toFixed(3)}`);
  }
  bar.finish();
  const draft = { settings, steps, seconds, description: '', weights: captureVoiceWeights(trainer), timeline, training: {}, normalisation: trainer.stats };
  // Scored on the weights exactly as the file stores them (float16).
  const rounded = decodeVoiceCheckpoint(encodeVoiceCheckpoint({ ...draft, scores: null }));
  loadVoiceWeights(trainer, rounded.weights);
  const scores = scoreVoiceModel(trainer, judges);
  trainer.dispose();
  const bytes = encodeVoiceCheckpoint({
    ...draft,
    description: `${model.label}: ${steps.toLocaleString('en-US')} steps; ${Math.round(100 * scores.calledTarget)}% of held-out conversions called the target voice, ${Math.round(100 * scores.vowelsKept)}% of vowels kept.`,
    scores,
    training: { trainedBy: 'models/trainVoice.ts', backend: tf.getBackend(), storage: 'float16 weights (scores measured on them)', heldOut: HELD_OUT },
  });
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, bytes);
  return { id: model.id, path: out, bytes: bytes.length, steps, seconds, scores };
}

export async function trainVoiceModels(options: { only?: string[]; scale?: number; outDir?: string } = {}): Promise<VoiceReport[]> {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  if (!(await tf.setBackend('wasm'))) throw new Error('The WebAssembly backend did not start.');
  registerWasmFastKernels();
  const outDir = options.outDir ?? dirname(fileURLToPath(import.meta.url));
  const judges = voiceJudgesFor(PRETRAINED_VOICE_MODELS[0].settings.frameSize);
  const reports: VoiceReport[] = [];
  for (const model of PRETRAINED_VOICE_MODELS) {
    if (options.only && !options.only.includes(model.id)) continue;
    const steps = Math.max(2, Math.round(model.steps * (options.scale ?? 1)));
    reports.push(trainPretrainedVoice(model, steps, judges, join(outDir, model.file)));
  }
  return reports;
}

function parseArgs(argv: string[]): { only?: string[]; scale?: number; outDir?: string } {
  const options: { only?: string[]; scale?: number; outDir?: string } = {};
  const usage = `Usage: npm run train:voice [-- --only ${PRETRAINED_VOICE_MODELS.map((m) => m.id).join(',')} --scale 0.1 --out-dir DIR]`;
  for (let i = 0; i < argv.length; i++) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--only' && value) {
      const unknown = value.split(',').filter((id) => !PRETRAINED_VOICE_MODELS.some((m) => m.id === id));
      if (unknown.length > 0) throw new Error(`Unknown model ${unknown.join(', ')}. ${usage}`);
      options.only = value.split(',');
      i++;
    } else if (flag === '--scale' && Number(value) > 0) {
      options.scale = Number(value);
      i++;
    } else if (flag === '--out-dir' && value) {
      options.outDir = resolve(value);
      i++;
    } else throw new Error(`Unknown or incomplete option "${flag}". ${usage}`);
  }
  return options;
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const started = performance.now();
  for (const r of await trainVoiceModels(parseArgs(process.argv.slice(2)))) {
    const s = r.scores;
    console.log(`${r.id}: wrote ${r.path} (${(r.bytes / 1024).toFixed(0)} KiB); ${r.steps} steps in ${formatSeconds(r.seconds)} (${(r.steps / r.seconds).toFixed(1)} steps/s); `
      + `A→B called the target ${pct(s.calledTarget)} (sound ${pct(s.calledTargetSound)}), vowels kept ${pct(s.vowelsKept)} (sound ${pct(s.vowelsKeptSound)}) of ${s.utterances} held-out utterances.`);
  }
  console.log(`train:voice finished in ${formatSeconds((performance.now() - started) / 1000)}.`);
  process.exit(0);
}
