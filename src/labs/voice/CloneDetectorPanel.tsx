/**
 * Catching the clone: a small detector (logistic regression on per-band statistics of the
 * spectrogram) trained in the worker on real clips against clips converted by the model being
 * trained; its held-out accuracy and equal error rate, where it looks (its saliency per frequency
 * band, as bars), and the published figures for scale.
 */
import { useCallback, useId, useState } from 'react';
import { scaleBand, scaleLinear } from 'd3-scale';
import { BAND_STATISTICS } from '../../core/voice/cloneFeatures';
import { ASVSPOOF_2019_LA_BASELINES } from '../../core/voice/listenQuiz';
import type { CloneDetectorRequest, CloneDetectorResult, SecurityProgress } from '../../protocol/voice/voiceSecurityProtocol';
import { SWAP_SIDE_COLORS } from '../shared/palettes';
import { JobProgress, useSecurityJob } from './useSecurityJob';

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const W = 420;
const H = 200;
const M = { top: 10, right: 10, bottom: 40, left: 44 };

function SaliencyBars({ shares, bandHz }: { shares: Float32Array; bandHz: number }) {
  const bands = Array.from(shares.keys());
  const x = scaleBand<number>().domain(bands).range([M.left, W - M.right]).padding(0.15);
  const top = Math.max(0.05, ...shares);
  const y = scaleLinear().domain([0, top]).nice().range([H - M.bottom, M.top]);
  const kHz = (b: number) => ((b * bandHz) / 1000).toFixed(0);
  const strongest = bands.reduce((a, b) => (shares[b] > shares[a] ? b : a), 0);
  return (
    <figure className="saliency-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" data-testid="saliency-chart"
        aria-label={`Where the detector looks: share of its attention in each ${bandHz} Hz band from 0 to ${kHz(bands.length)} kHz; the most, ${pct(shares[strongest])}, on ${kHz(strongest)}–${kHz(strongest + 1)} kHz.`}>
        {y.ticks(4).map((t) => (
          <g key={t}>
            <line x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} className="grid-line" />
            <text x={M.left - 6} y={y(t)} dy="0.32em" textAnchor="end" className="tick-label">{`${Math.round(100 * t)}%`}</text>
          </g>
        ))}
        {bands.map((b) => (
          <rect key={b} x={x(b)} width={x.bandwidth()} y={y(shares[b])} height={y(0) - y(shares[b])} fill={SWAP_SIDE_COLORS.a} data-testid="saliency-bar" />
        ))}
        {bands.filter((b) => b % 2 === 0).concat([bands.length]).map((b) => (
          <text key={b} x={b === bands.length ? W - M.right : x(b)!} y={H - M.bottom + 14} textAnchor="middle" className="tick-label">{kHz(b)}</text>
        ))}
        <text x={(M.left + W - M.right) / 2} y={H - 6} textAnchor="middle" className="axis-label">frequency (kHz)</text>
      </svg>
    </figure>
  );
}

export interface CloneDetectorPanelProps {
  train(request: CloneDetectorRequest, progress: (p: SecurityProgress) => void): Promise<CloneDetectorResult>;
  disabled: boolean;
}

export function CloneDetectorPanel({ train, disabled }: CloneDetectorPanelProps) {
  const ids = useId();
  const [steps, setSteps] = useState(1500);
  const job = useSecurityJob(useCallback((progress: (p: SecurityProgress) => void) => train({ steps }, progress), [train, steps]));
  const r = job.result;
  const b = ASVSPOOF_2019_LA_BASELINES;
  return (
    <section className="panel voice-detector" aria-labelledby="voice-detector-heading">
      <h2 id="voice-detector-heading" className="panel-title">Catching the clone</h2>
      <p className="panel-intro">
        A clone can fool a lock, but it may still carry traces of how it was made. Train a small detector on real clips (straight from the
        synthesiser, and through the same Griffin–Lim vocoder as the clones, so the vocoder alone is no give-away) against clips converted by
        your model, then judge clips it never saw.
      </p>
      <div className="security-controls">
        <div className="field">
          <label htmlFor={`${ids}-steps`}>Training steps</label>
          <select id={`${ids}-steps`} value={steps} onChange={(e) => setSteps(Number(e.target.value))} aria-describedby={`${ids}-steps-help`} disabled={job.busy}>
            {[300, 1500, 4000].map((s) => <option key={s} value={s}>{s.toLocaleString('en-US')} steps</option>)}
          </select>
          <p className="field-help" id={`${ids}-steps-help`}>Each step fits the detector (logistic regression on 16 bands × 4 statistics) to a batch of 32 clips.</p>
        </div>
        <div className="field">
          <button type="button" onClick={() => void job.start()} disabled={disabled || job.busy} data-testid="train-detector" aria-describedby={`${ids}-train-help`}>
            {r ? 'Train the clone detector again' : 'Train the clone detector'}
          </button>
          <p className="field-help" id={`${ids}-train-help`}>Makes real and cloned clips of both voices in the background worker, trains on some and judges the rest.</p>
        </div>
      </div>
      <JobProgress progress={job.progress} id="detector" />
      {job.error ? <p className="field-error" role="alert">{job.error}</p> : null}
      {r ? (
        <div className="detector-results" data-testid="detector-results">
          <div>
            <dl className="rate-list">
              <div><dt>Held-out accuracy</dt><dd data-testid="detector-accuracy">{pct(r.accuracy)}</dd></div>
              <div><dt>Equal error rate</dt><dd data-testid="detector-eer">{pct(r.equalErrorRate)}</dd></div>
              <div><dt>AUC</dt><dd data-testid="detector-auc">{r.auc.toFixed(3)}</dd></div>
              <div><dt>Down a phone line</dt><dd data-testid="detector-phone-accuracy">{pct(r.phoneLine.accuracy)}</dd></div>
            </dl>
            <p className="field-help" data-testid="detector-phone-help">
              The same held-out clips played down a telephone line (300–3,400 Hz, 8-bit μ-law, as a phone call carries them): equal error
              rate {pct(r.phoneLine.equalErrorRate)}, {pct(r.phoneLine.clonesCaught)} of clones caught, {pct(r.phoneLine.realCalledClone)} of real clips called clones.
              The detector learned from full-band sound; the line removes everything below 300 Hz and above 3,400 Hz and adds its coding noise, so the
              statistics it learned move. A detector has to be trained on the channel it will hear: for this reason ASVspoof 2021 sent its test speech through telephone codecs.
            </p>
            <p className="field-help">
              {r.trainClips} training clips, {r.heldOutClips} held out (a third real, a third real through Griffin–Lim, a third clones), {r.steps.toLocaleString('en-US')} steps
              in {r.seconds.toFixed(1)} s; clones from the conversion model at step {r.conversionSteps.toLocaleString('en-US')}.
            </p>
            <p>
              For scale: the ASVspoof 2019 logical-access baselines reach equal error rates of {pct(b.lfccGmm.equalErrorRate)} ({b.lfccGmm.name}) and{' '}
              {pct(b.cqccGmm.equalErrorRate)} ({b.cqccGmm.name}) on <em>real</em> speech against 13 speech-synthesis and conversion systems (Todisco et al. 2019).
              Here there are two toy voices and one conversion, so a near-perfect score says little about real clones.
            </p>
          </div>
          <div>
            <h3 className="chart-title">Where it looks</h3>
            <SaliencyBars shares={r.bandSaliency} bandHz={r.bandHz} />
            <p className="field-help" data-testid="detector-statistics">
              Its attention by statistic: {BAND_STATISTICS.map((name, k) => `${name} ${pct(r.statisticSaliency[k])}`).join(', ')}. “Fine structure” is how sharp
              the harmonics are within a band: the conversion network tends to blur them.
            </p>
          </div>
        </div>
      ) : null}
    </section>
  );
}
