/**
 * The arms race, round by round, on the MLP GAN: a detector trains on the generator's fakes;
 * the generator is fine-tuned with that frozen detector as an extra adversary until it slips
 * past; a new detector trains on the new fakes; and so on. The learner presses for each phase
 * and sets the weight of the detector term against the GAN loss that keeps the digits
 * digit-like. Charts: the detector's accuracy before and after each fine-tuning, and the
 * generator's Inception Score (the project's own digit classifier).
 */
import { useCallback, useState } from 'react';
import {
  ARMS_RACE_LIMITS, DEFAULT_ARMS_RACE_SETTINGS, DETECTOR_LABELS, SIDE, armsRaceSettingsProblems, optionsOfDetectors,
  type ArmsRaceSettings, type ArmsRaceState,
} from '../../protocol/detection/detectionProtocol';
import { ChartBlock } from '../shared/MetricsPanelFrame';
import { ImageGrid } from '../shared/ImageGrid';
import { NumberField, SelectField } from '../shared/formFields';
import { DISTANCE_COLORS, GAN_COLORS } from '../shared/palettes';

export interface ArmsRacePanelProps {
  disabled: boolean;
  start(settings: ArmsRaceSettings): Promise<ArmsRaceState>;
  next(): Promise<ArmsRaceState>;
  onError(message: string): void;
}

const pct = (v: number) => (Number.isFinite(v) ? `${(100 * v).toFixed(1)}%` : '—');
const num = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : '—');

export function ArmsRacePanel({ disabled, start, next, onError }: ArmsRacePanelProps) {
  const [settings, setSettings] = useState<ArmsRaceSettings>(DEFAULT_ARMS_RACE_SETTINGS);
  const [state, setState] = useState<ArmsRaceState | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const problems = armsRaceSettingsProblems(settings);

  const run = useCallback(async (what: 'start' | 'next') => {
    setBusy(what === 'start' || state?.phase === 'train-detector' ? 'Training a detector on the current fakes…' : 'Fine-tuning the generator against the detector…');
    try {
      setState(what === 'start' ? await start(settings) : await next());
    } catch (error) {
      onError(`The arms race stopped: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setBusy(null);
    }
  }, [settings, state?.phase, start, next, onError]);

  const points = (state?.rounds ?? []).map((r) => ({
    step: r.round, caught: r.caughtAccuracy, evaded: r.evadedAccuracy, inceptionBefore: r.inceptionBefore, inceptionAfter: r.inceptionAfter,
    caughtP: r.caughtFakeProbability, evadedP: r.evadedFakeProbability,
  }));
  const edit = (patch: Partial<ArmsRaceSettings>) => setSettings((s) => ({ ...s, ...patch }));
  const nextLabel = state?.phase === 'evade' ? `Fine-tune the forger against this detector (${state.settings.evasionSteps} steps)` : 'Train a new detector on the current fakes';

  return (
    <section className="panel detection-arms-race" aria-labelledby="detection-arms-race-heading">
      <h2 id="detection-arms-race-heading" className="panel-title">The arms race</h2>
      <p className="panel-intro">
        A detector is public, so a forger can train against it. Step through the rounds on the MLP GAN: a detector learns its fakes; the forger is fine-tuned with
        that detector, frozen, as a second adversary until it slips past; a new detector learns the new fakes; and again.
      </p>
      <div className="arms-race-controls">
        <SelectField label="Detector" value={settings.detector} options={optionsOfDetectors()} testId="arms-detector"
          help="Which detector each round trains (300 steps for the spectrum detector, 400 for the CNN); the forger's gradient flows through it." onChange={(detector) => edit({ detector })} />
        <NumberField label="Detector term weight" value={settings.detectorWeight} min={ARMS_RACE_LIMITS.detectorWeight.min} max={ARMS_RACE_LIMITS.detectorWeight.max} testId="arms-detector-weight"
          help="How much the forger cares about fooling the frozen detector (its loss: −ln(1 − P(fake))); 0 leaves the detector out entirely." onChange={(detectorWeight) => edit({ detectorWeight })} />
        <NumberField label="GAN loss weight" value={settings.qualityWeight} min={ARMS_RACE_LIMITS.qualityWeight.min} max={ARMS_RACE_LIMITS.qualityWeight.max} testId="arms-gan-weight"
          help="How much it still plays its usual game against its own discriminator (shipped in the checkpoint, still learning on real digits), which keeps the fakes digit-like." onChange={(qualityWeight) => edit({ qualityWeight })} />
        <NumberField label="Fine-tuning steps per round" value={settings.evasionSteps} min={ARMS_RACE_LIMITS.evasionSteps.min} max={ARMS_RACE_LIMITS.evasionSteps.max} integer testId="arms-steps"
          help="Generator updates (batches of 64) against each round's detector." onChange={(evasionSteps) => edit({ evasionSteps })} />
        <NumberField label="Forger's learning rate" value={settings.learningRate} min={ARMS_RACE_LIMITS.learningRate.min} max={ARMS_RACE_LIMITS.learningRate.max} testId="arms-learning-rate"
          help="Adam's step for the generator (and its discriminator): higher evades faster and damages the digits sooner." onChange={(learningRate) => edit({ learningRate })} />
      </div>
      <div className="button-row">
        <button type="button" className="button-primary" data-testid="arms-start" disabled={disabled || busy !== null || problems.length > 0} onClick={() => void run('start')}>
          {state ? 'Start again from the shipped MLP GAN' : 'Start: round 1 detector'}
        </button>
        <button type="button" className="button-secondary" data-testid="arms-next" disabled={disabled || busy !== null || !state} onClick={() => void run('next')}>{nextLabel}</button>
        <span className="field-help" role="status" data-testid="arms-status">
          {busy ?? (problems.length > 0 ? problems.join('; ') : state ? `Round ${state.rounds.length}: next, ${state.phase === 'evade' ? 'the forger answers' : 'a new detector'}.` : 'Starts from the shipped MLP GAN with the settings above.')}
        </span>
      </div>
      {state ? (
        <div className="arms-race-body">
          <div className="table-scroll" role="region" aria-label="Arms race rounds" tabIndex={0}>
            <table className="generalisation-table" data-testid="arms-table">
              <caption>{DETECTOR_LABELS[state.settings.detector]} against the MLP GAN; detector weight {state.settings.detectorWeight}, GAN loss weight {state.settings.qualityWeight}</caption>
              <thead>
                <tr><th scope="col">Round</th><th scope="col">Detector accuracy (caught)</th><th scope="col">After fine-tuning (evaded)</th><th scope="col">Mean P(fake) before → after</th><th scope="col">Inception Score before → after</th></tr>
              </thead>
              <tbody>
                {state.rounds.map((r) => (
                  <tr key={r.round} data-testid={`arms-round-${r.round}`}>
                    <th scope="row">{r.round}</th><td>{pct(r.caughtAccuracy)}</td><td>{pct(r.evadedAccuracy)}</td>
                    <td>{num(r.caughtFakeProbability)} → {num(r.evadedFakeProbability)}</td><td>{num(r.inceptionBefore)} → {num(r.inceptionAfter)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <ImageGrid images={{ pixels: state.examples, count: state.exampleCount, height: SIDE, width: SIDE, channels: 1 }} columns={state.exampleCount} scale={2}
            label="The forger's pictures now, on the same noise every round" testId="arms-examples" />
          <ChartBlock id="arms-accuracy" title="Detector accuracy by round" points={points} stepLabel="round" yLabel="share right" yDomain={[0.3, 1]}
            referenceLines={[{ value: 0.5, label: 'chance' }]}
            series={[{ field: 'caught', label: 'trained on this round\'s fakes', color: GAN_COLORS.d }, { field: 'evaded', label: 'after the forger fine-tuned', color: GAN_COLORS.g }]}
            shows="Each round's new detector on the fakes it learned (held out), and the same detector once the forger has trained against it."
            watch="The saw-tooth: every new detector catches the current fakes, and every fine-tuning drags its accuracy back toward chance." />
          <ChartBlock id="arms-inception" title="Forger's Inception Score by round" points={points} stepLabel="round" yLabel="Inception Score" yDomain={[1, 10]}
            referenceLines={[{ value: 9.63, label: 'real held-out digits' }]}
            series={[{ field: 'inceptionBefore', label: 'as the round began', color: GAN_COLORS.real }, { field: 'inceptionAfter', label: 'after fine-tuning', color: DISTANCE_COLORS.kl }]}
            shows="How clear and varied the fakes are to the project's digit classifier (10 at best, 1 if every fake looks like one digit)."
            watch="Whether evading costs quality: with the GAN loss weight at 0 the forger is free to turn its digits into anything the detector calls real." />
          <p className="field-help">
            Measured in Node (60 fine-tuning steps per round, learning rate 0.003): against the pixel CNN the forger slips past within one round (its accuracy from 99% to 51%, mean P(fake)
            from 0.98 to 0.02, and in round 2 from 1.00 to 0.00) while its Inception Score stays between about 5.5 and 6.9; the spectrum detector resisted with the GAN loss on (accuracy stayed near 98%), and gave way only with
            the GAN loss weight at 0 (to 89%, then 79%), at the price of the digits (Inception Score 6.9 → 4.2 → 3.7).{' '}
            {state.quality === 'gan'
              ? 'The GAN loss here is the generator\'s usual one against the discriminator saved in the shipped checkpoint, which keeps learning on real digits during fine-tuning, so the fakes must stay convincing to it while they dodge the detector.'
              : 'This checkpoint carries no discriminator, so the quality term is an anchor: the mean squared distance from the original generator\'s picture for the same noise, which lets the forger move its pictures only a little.'}
          </p>
        </div>
      ) : null}
    </section>
  );
}
