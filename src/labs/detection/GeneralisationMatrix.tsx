/**
 * The whole generalisation table: a fresh detector trained on each forger in turn (rows),
 * tested on every forger (columns), each cell its accuracy at ½ and its average precision,
 * coloured by the one the learner picks. The lesson of Wang et al. (2020): a detector can keep
 * ranking another forger's fakes above real pictures (high AP) while its threshold no longer
 * fits them (accuracy near chance).
 */
import { useState } from 'react';
import { scaleLinear } from 'd3-scale';
import {
  DETECTOR_LABELS, MATRIX_STEPS, generatorLabel, type DetectorKind, type GeneralisationResult, type GeneralisationRow, type GeneratorId, type OwnForgerSummary,
} from '../../protocol/detection/detectionProtocol';

type Measure = 'accuracy' | 'averagePrecision';

const MEASURES: { value: Measure; label: string; help: string }[] = [
  { value: 'accuracy', label: 'Accuracy at ½', help: 'share of pictures called right when P(fake) ≥ ½ means fake' },
  { value: 'averagePrecision', label: 'Average precision', help: 'how well it ranks fakes above real pictures, whatever the threshold' },
];

/** Chance (½) in pale red, through pale yellow, to pale green at 1: dark text stays readable on all. */
const shade = scaleLinear<string>().domain([0.5, 0.75, 1]).range(['#f6d4d4', '#f6efc8', '#cbe8cb']).clamp(true);

const percent = (v: number) => (Number.isFinite(v) ? `${(100 * v).toFixed(0)}%` : '—');
const twoPlaces = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : '—');

export interface GeneralisationMatrixProps {
  /** The forgers, in table order (rows and columns). */
  generators: readonly GeneratorId[];
  own: OwnForgerSummary | null;
  detector: DetectorKind;
  rows: readonly GeneralisationRow[];
  /** The forger whose row is training now, or null. */
  running: GeneratorId | null;
  disabled: boolean;
  onRun(): void;
}

export function GeneralisationMatrix({ generators, own, detector, rows, running, disabled, onRun }: GeneralisationMatrixProps) {
  const [measure, setMeasure] = useState<Measure>('accuracy');
  const byRow = new Map(rows.map((r) => [r.trainedOn, r] as const));
  const measured = rows[0]?.detector ?? detector;
  const seconds = rows.reduce((sum, r) => sum + r.seconds, 0);
  const done = rows.length;
  const cellOf = (row: GeneralisationRow | undefined, column: GeneratorId): GeneralisationResult | undefined => row?.cells.find((c) => c.generator === column);

  return (
    <div className="generalisation-matrix" data-testid="generalisation-matrix">
      <h3 className="subheading">The whole table: train on each, test on each</h3>
      <p className="field-help">
        A fresh {DETECTOR_LABELS[detector].toLowerCase()} with the lab&rsquo;s settings trains {MATRIX_STEPS[detector].toLocaleString('en-US')} steps on each forger&rsquo;s fakes in turn (a row),
        then is tested on every forger&rsquo;s fresh fakes (the columns), each beside held-out real pictures of its kind: real digits for the digit forgers, real toy faces for the face swap. The detector above is not touched.
        Each cell gives the <strong>accuracy at ½</strong> and the <strong>average precision</strong> (AP).
      </p>
      <div className="button-row">
        <button type="button" className="button-secondary" data-testid="run-generalisation-matrix" disabled={disabled || running !== null} onClick={onRun}>
          {running !== null ? `Training on the ${generatorLabel(running, own)} (row ${done + 1} of ${generators.length})…` : rows.length > 0 ? 'Fill the table again' : 'Fill the whole table'}
        </button>
        <fieldset className="matrix-measure">
          <legend>Colour by</legend>
          {MEASURES.map((m) => (
            <label key={m.value} title={m.help}>
              <input type="radio" name="matrix-measure" value={m.value} checked={measure === m.value} onChange={() => setMeasure(m.value)} /> {m.label}
            </label>
          ))}
        </fieldset>
      </div>
      <div className="table-scroll" role="region" aria-label="Accuracy and average precision, trained on each forger, tested on each" tabIndex={0}>
        <table className="generalisation-table generalisation-matrix-table">
          <caption>
            {done > 0
              ? `${DETECTOR_LABELS[measured]}, ${rows[0].steps.toLocaleString('en-US')} steps per row: ${done} of ${generators.length} rows in ${seconds.toFixed(1)} s. Cells: accuracy at ½ · AP.`
              : 'Not filled yet. Cells will read: accuracy at ½ · AP.'}
          </caption>
          <thead>
            <tr>
              <th scope="col">Trained on ↓ · tested on →</th>
              {generators.map((id) => <th scope="col" key={id}>{generatorLabel(id, own)}</th>)}
            </tr>
          </thead>
          <tbody>
            {generators.map((rowId) => {
              const row = byRow.get(rowId);
              return (
                <tr key={rowId} data-testid={`matrix-row-${rowId}`}>
                  <th scope="row">{generatorLabel(rowId, own)}</th>
                  {generators.map((column) => {
                    const cell = cellOf(row, column);
                    const value = cell ? cell[measure] : NaN;
                    return (
                      <td key={column} className={column === rowId ? 'matrix-diagonal' : undefined} data-testid={`matrix-${rowId}-${column}`}
                        style={Number.isFinite(value) ? { background: shade(value) } : undefined}
                        title={cell ? `Trained on the ${generatorLabel(rowId, own)}, tested on the ${generatorLabel(column, own)}: accuracy ${percent(cell.accuracy)} (fakes caught ${percent(cell.fakesCaught)}, real passed ${percent(cell.realPassed)}), AP ${twoPlaces(cell.averagePrecision)}, AUC ${twoPlaces(cell.auc)}` : undefined}>
                        {cell ? <>{percent(cell.accuracy)} <span className="matrix-ap">· {twoPlaces(cell.averagePrecision)}</span></> : '—'}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="field-help">
        Reading it: the diagonal is each detector on the forger it learned. Off the diagonal, compare the two numbers. Wang et al. (2020) trained a detector on one GAN&rsquo;s
        photographs and tested it on others&rsquo;: its AP stayed high, while its accuracy at ½ fell towards chance on some (59% on BigGAN&rsquo;s pictures). A high AP
        with a low accuracy means the detector still ranks the new fakes above real pictures, but they score below its threshold: it could catch them if the threshold were
        moved for them, which needs some of their fakes first. An AP near ½ (the share of fakes) means it has nothing to go on; well below ½, it ranks them
        the wrong way round, as a spectrum detector trained on a GAN does with the diffusion model&rsquo;s fakes, which carry less fine detail than real digits.
      </p>
      <p className="field-help">
        The face swap&rsquo;s row and column cross from digits to faces. A detector trained on swaps learned that blur means fake: it calls every digit real, fake or not
        (accuracy 50%). The swaps are blurry in the way the diffusion model&rsquo;s digits are, so the two may rank each other&rsquo;s fakes the right way round, while a
        detector trained on a GAN&rsquo;s over-sharp fakes ranks the swaps as more real than real faces. A detector knows the pictures it was shown, not forgery in general.
      </p>
    </div>
  );
}
