/**
 * The training session every lab's worker runs: play, pause, step and speed on the paced loop;
 * configure, which builds the whole new model before swapping it in (or refuses with the reason,
 * changing nothing); frames with one rate window; the model file; and divergence, which pauses
 * and keeps the last healthy state for restoreLastGood. The lab's SessionAdapter says the rest.
 * No DOM: the worker exposes it through comlink, and Node tests drive it directly.
 */
import {
  RATE_WINDOW_MS, type AcceptedConfig, type SessionStatus, type StartRequest, type TrainingSpeed,
} from '../../protocol/shared/sessionProtocol';
import { PacedTrainingLoop } from './pacedTrainingLoop';
import type { HealthyState, LabSessionTypes, SessionAdapter } from './sessionAdapter';
import { realClock, type SessionClock } from './sessionClock';

/** The slow scores (quality, swap judges) are measured this often while training runs, and on every manual step. */
const SCORE_INTERVAL_MS = 3000;

interface CurrentModel<L extends LabSessionTypes> {
  model: L['model'];
  settings: L['settings'];
  /** How it started: a rebuild on another backend starts the same way. */
  start: StartRequest;
}

const count = (n: number) => n.toLocaleString('en-US');

export class TrainingSession<L extends LabSessionTypes> {
  private current: CurrentModel<L> | null = null;
  private healthy: HealthyState<L['model']> | null = null;
  private readonly loop: PacedTrainingLoop;
  private speed: TrainingSpeed = 'max';
  private status: SessionStatus = { kind: 'idle' };
  private pending: L['metric'][] = [];
  private lastScoredAt = -Infinity;
  /** Time spent in training steps (not in frames or scores), from the model's start or as it came. */
  private trainingMs = 0;
  private rate = { at: 0, steps: 0, perSecond: 0 };
  /** Configurations run one after another, in the order they were asked for. */
  private configuring: Promise<unknown> = Promise.resolve();
  private onFrame: (frame: L['frame']) => void = () => {};
  private onStatus: (status: SessionStatus) => void = () => {};

  constructor(private readonly adapter: SessionAdapter<L>, private readonly clock: SessionClock = realClock) {
    this.loop = new PacedTrainingLoop(clock, adapter.pacing);
  }

  subscribe(onFrame: (frame: L['frame']) => void, onStatus: (status: SessionStatus) => void): void {
    this.onFrame = onFrame;
    this.onStatus = onStatus;
  }

  /** The model training now, or null before the first configuration. */
  get model(): L['model'] | null {
    return this.current?.model ?? null;
  }

  /** The settings the current model trains with. */
  get settings(): L['settings'] | null {
    return this.current?.settings ?? null;
  }

  requireModel(): L['model'] {
    if (!this.current) throw new Error('No model yet: configure the session first.');
    return this.current.model;
  }

  /**
   * Builds the whole model for `settings` and `start`, then puts it in place of the current
   * one (paused). A refusal rejects with the reason and leaves the current model, its steps
   * and its settings as they were, training or not.
   */
  configure(settings: L['settings'] | null, start: StartRequest): Promise<AcceptedConfig<L['settings'], L['startInfo']>> {
    return this.inTurn(async () => {
      if (settings === null && start.kind !== 'file') throw new Error('Settings are needed to start a model; only a model file brings its own.');
      const built = await this.buildShowingProgress(settings, start);
      this.install(built.model, built.settings, start, built.trainedSeconds * 1000);
      return { settings: built.settings, start: built.start };
    });
  }

  /** Rebuilds the current model on the backend now chosen, keeping its weights and step counts (paused). */
  rebuildOnCurrentBackend(): Promise<void> {
    return this.inTurn(async () => {
      const current = this.current;
      if (!current) return;
      // After a divergence the weights are no longer numbers: the rebuilt model takes the last healthy state instead.
      const diverged = this.status.kind === 'diverged' && this.healthy !== null;
      const state = diverged ? this.healthy! : this.adapter.capture(current.model);
      if (diverged) this.healthy = null;
      try {
        const built = await this.adapter.build(current.settings, current.start, () => {});
        try {
          state.restore(built.model);
        } catch (error) {
          this.adapter.dispose(built.model);
          throw error;
        }
        this.install(built.model, current.settings, current.start, this.trainingMs);
      } finally {
        state.dispose();
      }
    });
  }

  play(): void {
    const current = this.current;
    if (!current || this.loop.running) return;
    const { model } = current;
    this.rate = { ...this.rate, at: this.clock.now(), steps: this.adapter.steps(model) };
    this.setStatus({ kind: 'running' });
    this.loop.start({
      steps: () => this.adapter.steps(model),
      trainOne: (withStats) => this.trainTimed(model, withStats),
      postFrame: () => this.emitFrame(true),
    }, this.speed);
  }

  pause(): void {
    if (!this.loop.running) return;
    this.loop.stop();
    this.emitFrame(false);
    this.setStatus({ kind: 'paused' });
  }

  setSpeed(speed: TrainingSpeed): void {
    // The page's watchdog probes with the speed it already has: that must not disturb training.
    if (speed === this.speed) return;
    this.speed = speed;
    if (this.loop.running) {
      this.loop.stop();
      this.play();
    }
  }

  /** One step (of `kind`, where the lab has kinds) while paused; posts a frame afterwards. */
  step(kind?: L['stepKind']): void {
    const model = this.requireModel();
    if (this.loop.running) this.pause();
    this.trainTimed(model, true, kind);
    this.emitFrame(true);
  }

  /** After divergence: puts back the last healthy state (paused). */
  restoreLastGood(): void {
    const current = this.current;
    if (!current || !this.healthy) throw new Error('There is no earlier healthy state to restore.');
    this.loop.stop();
    this.healthy.restore(current.model);
    this.pending = [];
    if (this.emitFrame(false)) this.setStatus({ kind: 'paused' });
  }

  /** The current model as a file that `configure(null, { kind: 'file', … })` loads again. */
  saveModel(): Uint8Array {
    const model = this.requireModel();
    if (this.status.kind === 'diverged') {
      throw new Error('Training has diverged, so the weights are no longer numbers: restore the last good state before saving.');
    }
    return this.adapter.save(model, this.trainingMs / 1000);
  }

  dispose(): void {
    this.loop.stop();
    this.forgetHealthy();
    if (this.current) this.adapter.dispose(this.current.model);
    this.current = null;
  }

  /** Runs `task` after every configuration asked for before it; a failure does not stop the ones after. */
  private inTurn<T>(task: () => Promise<T>): Promise<T> {
    const next = this.configuring.then(task);
    this.configuring = next.catch(() => {});
    return next;
  }

  /** Builds, showing `loading` while files load; a refusal puts back the status shown before. */
  private async buildShowingProgress(settings: L['settings'] | null, start: StartRequest) {
    const before = this.status;
    let shownLoading = false;
    try {
      return await this.adapter.build(settings, start, (message) => {
        shownLoading = true;
        this.setStatus({ kind: 'loading', message });
      });
    } catch (error) {
      // The current model may have paused or diverged meanwhile: put back only what loading replaced.
      if (shownLoading && this.status.kind === 'loading') this.setStatus(before);
      throw error;
    }
  }

  /** Replaces the current model (stopping its loop, freeing it) with a built one; posts its first frame. */
  private install(model: L['model'], settings: L['settings'], start: StartRequest, trainingMs: number): void {
    this.loop.stop();
    this.forgetHealthy();
    if (this.current) this.adapter.dispose(this.current.model);
    this.current = { model, settings, start };
    this.pending = [];
    this.lastScoredAt = -Infinity;
    this.trainingMs = trainingMs;
    this.rate = { at: this.clock.now(), steps: this.adapter.steps(model), perSecond: 0 };
    if (this.emitFrame(false)) this.setStatus({ kind: 'paused' });
  }

  private trainTimed(model: L['model'], withStats: boolean, kind?: L['stepKind']): void {
    const started = this.clock.now();
    this.adapter.trainStep(model, withStats, kind);
    this.trainingMs += this.clock.now() - started;
  }

  /**
   * Looks at the model and posts a frame; with `record`, a new metric point goes with it.
   * Returns false, pausing with the reason, when something became infinite or not a number.
   */
  private emitFrame(record: boolean): boolean {
    const current = this.current;
    if (!current) return false;
    const { model } = current;
    const now = this.clock.now();
    this.loop.framePosted(now);
    const look = this.adapter.observe(model, { record, scoreDue: !this.loop.running || now - this.lastScoredAt >= SCORE_INTERVAL_MS });
    if (look.nonFinite !== null) {
      this.diverged(model, look.nonFinite);
      return false;
    }
    if (look.scored) this.lastScoredAt = this.clock.now();
    this.keepHealthy(model);
    if (look.metric !== null) this.pending.push(look.metric);
    const steps = this.adapter.steps(model);
    const elapsed = now - this.rate.at;
    if (elapsed >= RATE_WINDOW_MS) this.rate = { at: now, steps, perSecond: ((steps - this.rate.steps) * 1000) / elapsed };
    const frame = { ...look.fields, steps, stepsPerSecond: this.loop.running ? this.rate.perSecond : 0, newMetrics: this.pending };
    this.pending = [];
    this.onFrame(frame as L['frame']);
    return true;
  }

  private diverged(model: L['model'], what: string): void {
    this.loop.stop();
    const lastGoodStep = this.healthy?.steps ?? 0;
    const next = this.healthy
      ? `Training is paused; Restore puts back the last good state (step ${count(lastGoodStep)}).`
      : 'Training is paused.';
    this.setStatus({
      kind: 'diverged',
      lastGoodStep,
      message: `Training diverged at step ${count(this.adapter.steps(model))}: ${what} became infinite or not a number. ${this.adapter.divergenceAdvice(model)} ${next}`,
    });
  }

  /** Copies the model's state as the last healthy one (freeing the earlier copy). */
  private keepHealthy(model: L['model']): void {
    if (this.healthy?.steps === this.adapter.steps(model)) return;
    const state = this.adapter.capture(model);
    this.forgetHealthy();
    this.healthy = state;
  }

  private forgetHealthy(): void {
    this.healthy?.dispose();
    this.healthy = null;
  }

  private setStatus(status: SessionStatus): void {
    this.status = status;
    this.onStatus(status);
  }
}
