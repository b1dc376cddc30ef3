/**
 * The adversarial lab's training session: owns the trainer, runs the loop in
 * time slices (many epochs per slice), posts frames a few times per second,
 * and pauses with the last good state kept when training diverges.
 * No DOM: the worker exposes it through comlink, and Node tests drive it directly.
 */
import { GanTrainer, type StepKind, type TrainerWeights } from '../../core/adversarial/ganTrainer';
import { cloneSettings, type GanSettings } from '../../core/adversarial/ganSettings';
import { parseCheckpoint, serializeCheckpoint } from '../../core/adversarial/adversarialCheckpoint';
import type { GanFrame, MetricPoint, TrainerStatus, TrainingSpeed } from '../../protocol/adversarial/adversarialProtocol';
import { FrameInputs, buildFrame, findNonFinite, measureMetrics } from './ganFrameBuilder';
import { PacedTrainingLoop } from '../shared/pacedTrainingLoop';
import { realClock, type SessionClock } from '../shared/sessionClock';

/** Speed n trains n epochs per frame of 60 per second; frames ten times per second. */
const PACING = { stepsPerSecondPerSpeed: 60, frameIntervalMs: 100, sliceMs: 20 };

function describeSettingsForDivergence(s: GanSettings): string {
  return `learning rates ${s.generator.learningRate} (G) and ${s.discriminator.learningRate} (D)`;
}

export class AdversarialSession {
  private trainer: GanTrainer | null = null;
  private inputs: FrameInputs | null = null;
  private customPoints: Float32Array | null = null;
  private readonly loop: PacedTrainingLoop;
  private speed: TrainingSpeed = 'max';
  private pendingMetrics: MetricPoint[] = [];
  private lastGood: TrainerWeights | null = null;
  private rateWindow = { at: 0, steps: 0, rate: 0 };
  private onFrame: (frame: GanFrame) => void = () => {};
  private onStatus: (status: TrainerStatus) => void = () => {};

  constructor(private readonly clock: SessionClock = realClock) {
    this.loop = new PacedTrainingLoop(clock, PACING);
  }

  subscribe(onFrame: (frame: GanFrame) => void, onStatus: (status: TrainerStatus) => void): void {
    this.onFrame = onFrame;
    this.onStatus = onStatus;
  }

  get currentTrainer(): GanTrainer | null {
    return this.trainer;
  }

  async configure(settings: GanSettings, customPoints: Float32Array | null): Promise<void> {
    this.replaceTrainer(new GanTrainer(cloneSettings(settings), customPoints ?? undefined), customPoints);
  }

  private replaceTrainer(trainer: GanTrainer, customPoints: Float32Array | null): void {
    this.stopLoop();
    this.trainer?.dispose();
    this.trainer = trainer;
    this.customPoints = customPoints;
    this.inputs = new FrameInputs(trainer);
    this.pendingMetrics = [];
    this.lastGood = null;
    this.rateWindow = { at: this.clock.now(), steps: 0, rate: 0 };
    this.emitFrame(false);
    this.onStatus({ kind: 'paused' });
  }

  /** Recreates the trainer's variables on the (new) current backend, keeping weights and step counts. */
  rebuildOnCurrentBackend(): void {
    const old = this.trainer;
    if (!old) return;
    const weights = old.captureWeights();
    const trainer = new GanTrainer(cloneSettings(old.settings), this.customPoints ?? undefined);
    trainer.restoreWeights(weights);
    this.replaceTrainer(trainer, this.customPoints);
  }

  play(): void {
    if (!this.trainer || this.loop.running) return;
    this.rateWindow = { at: this.clock.now(), steps: this.trainer.generatorSteps, rate: this.rateWindow.rate };
    this.onStatus({ kind: 'running' });
    this.loop.start({
      steps: () => this.trainer?.generatorSteps ?? 0,
      trainOne: (withStats) => this.trainer?.trainEpoch(withStats),
      postFrame: () => this.emitFrame(true),
    }, this.speed);
  }

  pause(): void {
    if (!this.loop.running) return;
    this.stopLoop();
    this.emitFrame(false);
    this.onStatus({ kind: 'paused' });
  }

  private stopLoop(): void {
    this.loop.stop();
  }

  setSpeed(speed: TrainingSpeed): void {
    this.speed = speed;
    if (this.loop.running) {
      this.stopLoop();
      this.play();
    }
  }

  async step(kind: StepKind): Promise<void> {
    if (!this.trainer) throw new Error('No model yet: configure the session first.');
    if (this.loop.running) this.pause();
    this.trainer.step(kind, true);
    this.emitFrame(true);
  }

  async restoreLastGood(): Promise<void> {
    if (!this.trainer || !this.lastGood) throw new Error('There is no earlier healthy state to restore.');
    this.stopLoop();
    this.trainer.restoreWeights(this.lastGood);
    this.pendingMetrics = [];
    this.emitFrame(false);
    this.onStatus({ kind: 'paused' });
  }

  async exportCheckpoint(): Promise<string> {
    if (!this.trainer) throw new Error('No model to export yet.');
    return serializeCheckpoint({ settings: this.trainer.settings, weights: this.trainer.captureWeights(), customPoints: this.customPoints });
  }

  async loadCheckpoint(text: string): Promise<{ settings: GanSettings; customPoints: Float32Array | null }> {
    // Parse and validate fully before touching the running session.
    const checkpoint = parseCheckpoint(text);
    const trainer = new GanTrainer(cloneSettings(checkpoint.settings), checkpoint.customPoints ?? undefined);
    try {
      trainer.restoreWeights(checkpoint.weights);
    } catch (error) {
      trainer.dispose();
      throw error;
    }
    this.replaceTrainer(trainer, checkpoint.customPoints);
    return { settings: cloneSettings(checkpoint.settings), customPoints: checkpoint.customPoints };
  }

  /**
   * Measures, checks and posts a frame. With `record`, the latest step stats
   * become a metric point. Returns false (and pauses) when training diverged.
   */
  private emitFrame(record: boolean): boolean {
    const trainer = this.trainer;
    const inputs = this.inputs;
    if (!trainer || !inputs) return false;
    const now = this.clock.now();
    this.loop.framePosted(now);
    const samples = trainer.generate(inputs.fixedNoise);
    const heatmapRaw = trainer.discriminateEach(inputs.heatmapPoints);
    const stats = trainer.latestStats();
    const bad = findNonFinite(trainer, stats, samples, heatmapRaw);
    if (bad) {
      this.stopLoop();
      const lastGoodStep = this.lastGood?.generatorSteps ?? 0;
      this.onStatus({
        kind: 'diverged',
        lastGoodStep,
        message:
          `Training diverged at step ${trainer.generatorSteps}: ${bad} became infinite or not a number. ` +
          `The ${describeSettingsForDivergence(trainer.settings)} are probably too high for this setup. ` +
          `Training is paused; restore the last good state (step ${lastGoodStep}) or lower the learning rates.`,
      });
      return false;
    }
    this.lastGood = trainer.captureWeights();
    if (record && (trainer.hasStats('discriminator') || trainer.hasStats('generator'))) {
      this.pendingMetrics.push(measureMetrics(trainer, inputs, stats, samples));
    }
    const elapsed = now - this.rateWindow.at;
    if (elapsed >= 500) {
      this.rateWindow = { at: now, steps: trainer.generatorSteps, rate: ((trainer.generatorSteps - this.rateWindow.steps) * 1000) / elapsed };
    }
    const frame = buildFrame(trainer, inputs, samples, heatmapRaw, this.pendingMetrics, this.loop.running ? this.rateWindow.rate : 0);
    this.pendingMetrics = [];
    this.onFrame(frame);
    return true;
  }

  dispose(): void {
    this.stopLoop();
    this.trainer?.dispose();
    this.trainer = null;
  }
}
