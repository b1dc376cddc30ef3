/**
 * The decision: a detector gives each held-out picture a score P(fake); a threshold turns the
 * scores into verdicts. The slider moves the threshold, the confusion matrix and the two rates
 * follow, and the ROC curve shows every threshold at once with the current one marked.
 */
import { useId, useMemo } from 'react';
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { confusionAt, rocCurve, areaUnderCurve, type Confusion } from '../../core/detection/scoring';
import { GAN_COLORS } from '../shared/palettes';

const percent = (v: number) => (Number.isFinite(v) ? `${(100 * v).toFixed(1)}%` : '—');

function ConfusionTable({ c }: { c: Confusion }) {
  return (
    <table className="confusion-table" data-testid="confusion-matrix">
      <caption>Held-out pictures at threshold {c.threshold.toFixed(2)}</caption>
      <thead>
        <tr><td /><th scope="col">called real</th><th scope="col">called fake</th></tr>
      </thead>
      <tbody>
        <tr>
          <th scope="row">real</th>
          <td className="cell-right" data-testid="true-negatives">{c.trueNegatives}</td>
          <td className="cell-wrong" data-testid="false-positives">{c.falsePositives}</td>
        </tr>
        <tr>
          <th scope="row">fake</th>
          <td className="cell-wrong" data-testid="false-negatives">{c.falseNegatives}</td>
          <td className="cell-right" data-testid="true-positives">{c.truePositives}</td>
        </tr>
      </tbody>
    </table>
  );
}

const ROC = { size: 230, margin: { top: 10, right: 12, bottom: 40, left: 46 } };

function RocChart({ scores, labels, current, reducedMotion }: { scores: Float32Array; labels: Uint8Array; current: Confusion; reducedMotion: boolean }) {
  const curve = useMemo(() => rocCurve(scores, labels), [scores, labels]);
  const auc = areaUnderCurve(curve);
  const { size, margin: m } = ROC;
  const x = scaleLinear().domain([0, 1]).range([m.left, size - m.right]);
  const y = scaleLinear().domain([0, 1]).range([size - m.bottom, m.top]);
  const path = line<{ falsePositiveRate: number; truePositiveRate: number }>().x((p) => x(p.falsePositiveRate)).y((p) => y(p.truePositiveRate))(curve) ?? '';
  return (
    <figure className="roc-chart">
      <svg viewBox={`0 0 ${size} ${size}`} role="img" aria-labelledby="roc-title" data-testid="roc-chart">
        <title id="roc-title">{`ROC curve of the held-out scores: area under the curve ${auc.toFixed(3)}; the dot is the threshold ${current.threshold.toFixed(2)}.`}</title>
        {[0, 0.5, 1].map((t) => (
          <g key={t}>
            <line x1={x(0)} x2={x(1)} y1={y(t)} y2={y(t)} className="grid-line" />
            <text x={m.left - 6} y={y(t)} dy="0.32em" textAnchor="end" className="tick-label">{t}</text>
            <text x={x(t)} y={size - m.bottom + 14} textAnchor="middle" className="tick-label">{t}</text>
          </g>
        ))}
        <line x1={x(0)} y1={y(0)} x2={x(1)} y2={y(1)} className="chance-line" />
        <path d={path} fill="none" stroke={GAN_COLORS.d} strokeWidth={2.5} />
        <circle cx={x(current.falsePositiveRate)} cy={y(current.truePositiveRate)} r={6} fill={GAN_COLORS.fake} stroke="#000" strokeWidth={1}
          className={reducedMotion ? undefined : 'roc-dot-moving'} data-testid="roc-dot" />
        <text x={(m.left + size - m.right) / 2} y={size - 6} textAnchor="middle" className="axis-label">real called fake (false positives)</text>
        <text transform={`translate(12 ${(m.top + size - m.bottom) / 2}) rotate(-90)`} textAnchor="middle" className="axis-label">fakes caught</text>
      </svg>
      <figcaption>
        Area under the curve (AUC): <strong data-testid="auc">{auc.toFixed(3)}</strong>. 0.5 is a coin toss (the dashed diagonal), 1 a perfect detector.
      </figcaption>
    </figure>
  );
}

export interface ThresholdPanelProps {
  scores: Float32Array | null;
  labels: Uint8Array | null;
  threshold: number;
  onThreshold(threshold: number): void;
  reducedMotion: boolean;
}

export function ThresholdPanel({ scores, labels, threshold, onThreshold, reducedMotion }: ThresholdPanelProps) {
  const sliderId = useId();
  const confusion = useMemo(() => (scores && labels && scores.length > 0 ? confusionAt(scores, labels, threshold) : null), [scores, labels, threshold]);
  return (
    <section className="panel detection-threshold" aria-labelledby="detection-threshold-heading">
      <h2 id="detection-threshold-heading" className="panel-title">Where to draw the line</h2>
      <p className="panel-intro">
        The detector gives each held-out picture a score: its probability that the picture is fake. A <strong>threshold</strong> turns
        scores into verdicts. Catching more fakes always costs more real pictures wrongly accused; the ROC curve shows that trade for every threshold.
      </p>
      <div className="threshold-body">
        <div className="threshold-controls">
          <div className="field">
            <label htmlFor={sliderId}>Threshold: <strong data-testid="threshold-value">{threshold.toFixed(2)}</strong></label>
            <input id={sliderId} type="range" min={0.01} max={0.99} step={0.01} value={threshold} data-testid="threshold"
              aria-describedby={`${sliderId}-help`} onChange={(e) => onThreshold(Number(e.target.value))} />
            <p className="field-help" id={`${sliderId}-help`}>A picture scoring at or above this is called fake. Lower it to catch more fakes; raise it to accuse fewer real pictures.</p>
          </div>
          {confusion ? (
            <>
              <ConfusionTable c={confusion} />
              <dl className="rate-list">
                <div><dt>Fakes caught (true positive rate)</dt><dd data-testid="tpr">{percent(confusion.truePositiveRate)}</dd></div>
                <div><dt>Real pictures accused (false positive rate)</dt><dd data-testid="fpr">{percent(confusion.falsePositiveRate)}</dd></div>
                <div><dt>Accuracy at this threshold</dt><dd data-testid="threshold-accuracy">{percent(confusion.accuracy)}</dd></div>
              </dl>
            </>
          ) : <p className="field-help">The verdicts appear once the detector is built.</p>}
        </div>
        {scores && labels && confusion ? <RocChart scores={scores} labels={labels} current={confusion} reducedMotion={reducedMotion} /> : null}
      </div>
    </section>
  );
}
