/**
 * The Digits view's side of the diffusion worker: the shipped digit U-Net
 * (models/digitDiffusion.weights), the project's digit classifier that reads what it draws, and the
 * figures of the digit forger's shipped GANs read from their own files, so the page can set them
 * side by side. Sampling walks the reverse process one step at a time and yields between steps, so
 * the worker keeps answering (the page's watchdog, the 2D training loop) while a grid forms.
 */
import { CLASSIFIER_FORMAT, DigitClassifier, predictedClasses } from '../../core/mnist/digitClassifier';
import { DIGIT_CHECKPOINT_FORMAT } from '../../core/mnist/digitCheckpoint';
import { PRETRAINED_DIGIT_GANS, type PretrainedId } from '../../core/mnist/pretrainedDigitGans';
import { decodeDigitDiffusionCheckpoint, type DigitDiffusionCheckpoint } from '../../core/denoising/digitDiffusionCheckpoint';
import { digitReverseStep, guidedPrediction } from '../../core/denoising/digitDiffusionSampler';
import { DigitDiffusionTrainer } from '../../core/denoising/digitDiffusionTrainer';
import { DIGIT_PIXELS, DIGIT_SIDE } from '../../core/denoising/digitUnet';
import { trailingTimes } from '../../core/denoising/noiseSchedule';
import { SeededRandom } from '../../core/shared/seededRandom';
import * as tf from '../../core/shared/tf';
import { decodeWeightsBundle } from '../../core/shared/weightsBundle';
import {
  DIGIT_GRID_COUNT, digitGridProblem, type DigitGridPicture, type DigitGridRequest, type DigitModelInfo, type DigitScoreRow,
} from '../../protocol/diffusion/diffusionProtocol';
import type { FetchBytes } from '../shared/fetchBytes';

/** The grid's starting noise: the same every time, so a change of class or guidance shows the same digits change. */
export const DIGIT_NOISE_SEED = 4242;

export interface DigitFileUrls {
  model: string;
  classifier: string;
  gans: Record<PretrainedId, string>;
}

const nextTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

interface Loaded {
  checkpoint: DigitDiffusionCheckpoint;
  trainer: DigitDiffusionTrainer;
  classifier: DigitClassifier;
  info: DigitModelInfo;
}

export class DigitDiffusionService {
  private loading: Promise<Loaded> | null = null;

  constructor(
    private readonly urls: DigitFileUrls,
    private readonly fetchBytes: FetchBytes,
  ) {}

  private load(): Promise<Loaded> {
    this.loading ??= this.loadOnce().catch((error: unknown) => {
      this.loading = null;
      throw error;
    });
    return this.loading;
  }

  private async loadOnce(): Promise<Loaded> {
    const [modelBytes, classifierBytes, ...ganBytes] = await Promise.all([
      this.fetchBytes(this.urls.model, 'the digit diffusion model'),
      this.fetchBytes(this.urls.classifier, 'the digit classifier'),
      ...PRETRAINED_DIGIT_GANS.map((g) => this.fetchBytes(this.urls.gans[g.id], `the ${g.label}`)),
    ]);
    const checkpoint = decodeDigitDiffusionCheckpoint(modelBytes);
    const trainer = new DigitDiffusionTrainer(checkpoint.settings);
    try {
      trainer.restoreWeights(checkpoint);
    } catch (error) {
      trainer.dispose();
      throw error;
    }
    const classifier = DigitClassifier.fromBundle(decodeWeightsBundle(classifierBytes, CLASSIFIER_FORMAT));
    const f = checkpoint.figures;
    const scores: DigitScoreRow[] = [];
    if (f) {
      scores.push({
        model: `Diffusion U-Net (${f.sampler.toUpperCase()} ${f.samplingSteps} steps, guidance ${f.guidance})`,
        inceptionScore: f.inceptionScore, frechetDistance: f.frechetDistance, classAgreement: f.classAgreement,
        source: `models/digitDiffusion.weights: ${f.samples} samples scored when it was trained`,
      });
    }
    PRETRAINED_DIGIT_GANS.forEach((g, i) => {
      const m = decodeWeightsBundle(ganBytes[i], DIGIT_CHECKPOINT_FORMAT).metadata as {
        figures?: { inceptionScore?: number; frechetDistance?: number; samples?: number };
        training?: { classAgreement?: number | null };
      };
      if (typeof m.figures?.inceptionScore !== 'number' || typeof m.figures.frechetDistance !== 'number') return;
      scores.push({
        model: g.label.replace('Pretrained ', ''),
        inceptionScore: m.figures.inceptionScore, frechetDistance: m.figures.frechetDistance,
        classAgreement: typeof m.training?.classAgreement === 'number' ? m.training.classAgreement : null,
        source: `models/${g.file}: ${m.figures.samples ?? '?'} samples scored when it was trained (the digit forger's figures)`,
      });
    });
    if (f) {
      scores.push({
        model: 'Real training digits', inceptionScore: f.realBaseline.inceptionScore, frechetDistance: f.realBaseline.frechetDistance,
        classAgreement: null, source: 'the yardstick, scored the same way',
      });
    }
    const info: DigitModelInfo = {
      widths: [...checkpoint.settings.widths],
      parameters: trainer.parameterCount,
      trainedSteps: checkpoint.steps,
      trainedSeconds: checkpoint.trainedSeconds,
      timesteps: checkpoint.settings.timesteps,
      defaults: { guidance: checkpoint.sampling.guidance, steps: checkpoint.sampling.steps },
      timeline: checkpoint.timeline.map((p) => ({ step: p.step, loss: Number.isFinite(p.loss) ? p.loss : null, inceptionScore: p.inceptionScore, frechetDistance: p.frechetDistance })),
      scores,
    };
    return { checkpoint, trainer, classifier, info };
  }

  async modelInfo(): Promise<DigitModelInfo> {
    return (await this.load()).info;
  }

  async sample(request: DigitGridRequest): Promise<DigitGridPicture> {
    const problem = digitGridProblem(request);
    if (problem) throw new Error(problem);
    const { trainer, classifier } = await this.load();
    if (request.steps > trainer.settings.timesteps) throw new Error(`The sampling steps must be at most T = ${trainer.settings.timesteps} (got ${request.steps}).`);
    const count = DIGIT_GRID_COUNT;
    const labels = Int32Array.from({ length: count }, (_, i) => (request.digit < 0 ? i % 10 : request.digit));
    const noise = new SeededRandom(DIGIT_NOISE_SEED).fillNormal(new Float32Array(count * DIGIT_PIXELS));
    const times = trailingTimes(trainer.settings.timesteps, request.steps);
    const T = trainer.settings.timesteps;
    const started = performance.now();
    const states = new Float32Array(times.length * count * DIGIT_PIXELS);
    const estimates = new Float32Array((times.length - 1) * count * DIGIT_PIXELS);
    states.set(noise, 0);
    let x = tf.tensor4d(noise, [count, DIGIT_SIDE, DIGIT_SIDE, 1]);
    try {
      for (let k = 0; k + 1 < times.length; k++) {
        await nextTurn();
        const eps = guidedPrediction(trainer.predict, x, times[k] / T, labels, request.guidance);
        const [next, x0] = digitReverseStep(trainer.schedule, 'ddim', x, eps, times[k], times[k + 1], null);
        eps.dispose();
        x.dispose();
        x = next;
        states.set(next.dataSync(), (k + 1) * count * DIGIT_PIXELS);
        estimates.set(x0.dataSync(), k * count * DIGIT_PIXELS);
        x0.dispose();
      }
    } finally {
      x.dispose();
    }
    const seconds = (performance.now() - started) / 1000;
    const final = states.slice(states.length - count * DIGIT_PIXELS).map((v) => Math.max(-1, Math.min(1, v)));
    const predicted = predictedClasses(classifier.evaluate(final).probabilities);
    return { request: { ...request }, count, labels, states, estimates, times: Int32Array.from(times), predicted, seconds };
  }

  dispose(): void {
    void this.loading?.then(({ trainer, classifier }) => {
      trainer.dispose();
      classifier.dispose();
    }, () => {});
  }
}
