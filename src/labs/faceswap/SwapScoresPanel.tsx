/** The latest swap scores as a table, both directions beside the real-picture yardstick, with a button to measure now on more pictures. */
import type { SwapScoreSummary } from '../../core/faceswap/swapScoreSummary';
import type { SwapNames } from './swapPaths';

const DASH = '—';
const percent = (v: number | null) => (v === null ? DASH : `${Math.round(v * 100)}%`);
const fixed = (v: number | null) => (v === null ? DASH : v.toFixed(3));

interface Row {
  label: string;
  help: string;
  ab: string;
  ba: string;
  real: string;
}

function rowsOf(s: SwapScoreSummary, names: SwapNames): Row[] {
  const rows: Row[] = [
    {
      label: 'Called the target', help: 'share the identity judge takes for the other side',
      ab: percent(s.ab.calledTarget), ba: percent(s.ba.calledTarget), real: percent((s.ab.realCalledTarget + s.ba.realCalledTarget) / 2),
    },
  ];
  if (s.ab.factorError !== null) {
    rows.push({
      label: 'Expression and pose error', help: 'lower is better; with nothing carried over it would be about ' + fixed(s.ab.factorErrorUnrelated),
      ab: fixed(s.ab.factorError), ba: fixed(s.ba.factorError), real: fixed(s.ab.factorErrorReal),
    });
  }
  if (s.ab.digitKept !== null) {
    rows.push({ label: 'Digit kept', help: 'share a digit classifier reads as the source digit', ab: percent(s.ab.digitKept), ba: percent(s.ba.digitKept), real: DASH });
    rows.push({
      label: 'Thickness like the target', help: 'share with the target style\'s stroke thickness',
      ab: percent(s.ab.thicknessLikeTarget), ba: percent(s.ba.thicknessLikeTarget), real: DASH,
    });
  }
  rows.push({
    label: 'Rebuild error', help: `each side's own autoencoder (${names.a}, then ${names.b})`,
    ab: fixed(s.reconstruction.a), ba: fixed(s.reconstruction.b), real: DASH,
  });
  return rows;
}

export interface SwapScoresPanelProps {
  scores: SwapScoreSummary | null;
  names: SwapNames;
  /** Judges loaded for this dataset. */
  scored: boolean;
  busy: boolean;
  onScoreNow(): void;
}

export function SwapScoresPanel({ scores, names, scored, busy, onScoreNow }: SwapScoresPanelProps) {
  return (
    <section className="panel" aria-labelledby="swap-scores-heading">
      <h2 id="swap-scores-heading" className="panel-title">Did the swap work?</h2>
      <p className="panel-intro">
        Judges trained on real pictures only look at swaps of pictures the networks never saw, and at real pictures of the target for
        comparison.
      </p>
      {scores ? (
        <table className="swap-scores" data-testid="scores-table">
          <caption>Scores at step {scores.step.toLocaleString('en-US')}, on {scores.count} pictures per direction</caption>
          <thead>
            <tr><th scope="col">Measure</th><th scope="col">{names.a} → {names.b}</th><th scope="col">{names.b} → {names.a}</th><th scope="col">Real target pictures</th></tr>
          </thead>
          <tbody>
            {rowsOf(scores, names).map((r) => (
              <tr key={r.label}>
                <th scope="row">{r.label}<span className="swap-scores-help">{r.help}</span></th>
                <td>{r.ab}</td><td>{r.ba}</td><td>{r.real}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="swap-placeholder" data-testid="scores-empty">
          {scored ? 'No scores yet: they are measured a few seconds into training, or press the button.' : 'This build has no judges for these pictures.'}
        </p>
      )}
      <div className="button-row">
        <button type="button" data-testid="score-now" onClick={onScoreNow} disabled={!scored || busy}>{busy ? 'Measuring…' : 'Measure now (128 pictures)'}</button>
      </div>
    </section>
  );
}
