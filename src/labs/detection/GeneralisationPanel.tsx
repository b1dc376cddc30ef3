/**
 * "Trained on X, tested on Y": the detector as it stands, judged on fresh fakes from each
 * shipped generator beside held-out real pictures of their kind (digits or toy faces). A detector that learned one
 * forger's fingerprint often misses another's.
 */
import type { ReactNode } from 'react';
import {
  DETECTOR_LABELS, generatorIds, generatorLabel, generatorPhrase, type GeneralisationResult, type GeneratorId, type OwnForgerSummary,
} from '../../protocol/detection/detectionProtocol';

const percent = (v: number) => (Number.isFinite(v) ? `${(100 * v).toFixed(1)}%` : '—');

export interface GeneralisationPanelProps {
  /** The whole table (train on each, test on each) below the current detector's column. */
  matrix: ReactNode;
  trainedOn: GeneratorId;
  /** The learner's own forger, once loaded: it gets a row too. */
  own: OwnForgerSummary | null;
  results: readonly GeneralisationResult[];
  steps: number;
  busy: boolean;
  disabled: boolean;
  onTest(): void;
}

export function GeneralisationPanel({ matrix, trainedOn, own, results, steps, busy, disabled, onTest }: GeneralisationPanelProps) {
  const byGenerator = new Map(results.map((r) => [r.generator, r] as const));
  const measuredAt = results[0]?.steps;

  return (
    <section className="panel detection-generalisation" aria-labelledby="detection-generalisation-heading">
      <h2 id="detection-generalisation-heading" className="panel-title">Does it catch other forgers?</h2>
      <p className="panel-intro">
        A detector learns the traces of the forger it was shown. Test it, as it is now, on fresh fakes from every shipped generator, each beside real pictures of its kind (digits, or toy faces for the face swap), and from your own forger once you load one.
      </p>
      <div className="button-row">
        <button type="button" className="button-secondary" data-testid="test-generalisation" disabled={disabled || busy} onClick={onTest}>
          {busy ? 'Testing…' : 'Test on every forger'}
        </button>
        <span className="field-help">Draws new fakes from each generator and scores them with the current detector (threshold ½).</span>
      </div>
      <div className="table-scroll" role="region" aria-label="Accuracy on each forger" tabIndex={0}>
      <table className="generalisation-table" data-testid="generalisation-table">
        <caption>
          {results.length > 0
            ? `${DETECTOR_LABELS[results[0].detector]} trained on the ${generatorPhrase(results[0].trainedOn, own)} for ${measuredAt?.toLocaleString('en-US')} steps${measuredAt !== steps ? ` (it has trained ${steps.toLocaleString('en-US')} steps since: test again)` : ''}`
            : `Trained on the ${generatorPhrase(trainedOn, own)}: not tested yet`}
        </caption>
        <thead>
          <tr><th scope="col">Tested on</th><th scope="col">Accuracy</th><th scope="col">Fakes caught</th><th scope="col">Real passed</th><th scope="col">AUC</th><th scope="col">AP</th></tr>
        </thead>
        <tbody>
          {generatorIds(own !== null).map((id) => {
            const r = byGenerator.get(id);
            return (
              <tr key={id} className={id === trainedOn ? 'row-trained-on' : undefined} data-testid={`generalisation-${id}`}>
                <th scope="row">{generatorLabel(id, own)}{id === trainedOn ? ' (trained on)' : ''}</th>
                <td>{r ? percent(r.accuracy) : '—'}</td>
                <td>{r ? percent(r.fakesCaught) : '—'}</td>
                <td>{r ? percent(r.realPassed) : '—'}</td>
                <td>{r && Number.isFinite(r.auc) ? r.auc.toFixed(3) : '—'}</td>
                <td>{r && Number.isFinite(r.averagePrecision) ? r.averagePrecision.toFixed(3) : '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      </div>
      {matrix}
    </section>
  );
}
