/** Which "real data" the generator must learn to fake: a toy shape, or your own points. */
import { useState } from 'react';
import { GRID_MODE_COUNTS, LIMITS, isMixtureDataset, type DatasetKind, type GanSettings } from '../../core/pointGan/ganSettings';
import { MAX_CSV_BYTES, MAX_POINT_ROWS, PointsCsvError, csvSizeProblem, parsePointsCsv } from '../../core/points/pointsCsv';
import { bindSettings } from '../shared/bindSettings';
import { FileField, NumberField, SelectField, optionsOf } from '../shared/formFields';
import { messageOf } from '../shared/messageOf';
import { randomSeed, withDataset } from './settingsEdits';

const DATASETS: Record<DatasetKind, string> = {
  ring: 'Ring of Gaussians',
  grid: 'Grid of Gaussians',
  moons: 'Two moons',
  spiral: 'Spiral',
  line: 'Line',
  blobs: 'Two blobs',
  custom: 'Your own points (draw or import)',
};

const DATASET_HELP: Record<DatasetKind, string> = {
  ring: 'Tight clusters on a circle. A classic test: does the generator find every cluster, or only a few?',
  grid: 'Clusters on a square grid. More clusters make it harder to cover them all. Starts as the benchmark grid: 25 clusters of σ 0.05.',
  moons: 'Two interlocking half circles: curved shapes with no separate clusters.',
  spiral: 'A spiral arm. The generator has to bend a flat sheet of noise into a long curve.',
  line: 'Points along a straight line: the easiest shape, good for seeing the basics.',
  blobs: 'Two round blobs: simple, but the generator must split its output in two.',
  custom: 'Points you drew on the plot or imported from a CSV file.',
};

const MAX_ROWS_TEXT = MAX_POINT_ROWS.toLocaleString('en-US');
const MAX_SIZE_TEXT = `${MAX_CSV_BYTES / (1024 * 1024)} MB`;
const GRID_MODES = GRID_MODE_COUNTS.map((m) => ({ value: String(m), label: `${m} (${Math.sqrt(m)} × ${Math.sqrt(m)})` }));

export interface DatasetControlsProps {
  settings: GanSettings;
  onEdit(next: GanSettings): void;
  /** Number of points drawn or imported so far. */
  ownPointCount: number;
  drawing: boolean;
  onDrawingChange(drawing: boolean): void;
  onClearDrawing(): void;
  onTrainOnDrawing(): void;
  /** Called only with a file that has been checked and parses. */
  onImportCsv(file: File): void;
  /** Also reports a refused file at the top of the page. */
  onNotice(kind: 'error', text: string): void;
}

export function DatasetControls(props: DatasetControlsProps) {
  const { settings, onEdit } = props;
  const shownKind: DatasetKind = props.drawing ? 'custom' : settings.dataset;
  const mixture = isMixtureDataset(settings.dataset);
  const field = bindSettings(settings, onEdit, LIMITS);

  const chooseDataset = (kind: DatasetKind) => {
    if (kind === 'custom') {
      // Nothing to train on yet: start drawing. Otherwise train on the points already there.
      if (props.ownPointCount === 0) props.onDrawingChange(true);
      else props.onTrainOnDrawing();
      return;
    }
    props.onDrawingChange(false);
    onEdit(withDataset(settings, kind));
  };

  return (
    <>
      <SelectField label="Real data" value={shownKind} options={optionsOf(DATASETS)} testId="dataset-select" handOffFocus
        help={shownKind === 'custom' ? DATASET_HELP.custom : `${DATASET_HELP[shownKind]} Choosing a shape also sets its own cluster count and σ.`}
        onChange={chooseDataset} />
      {settings.dataset === 'ring' && !props.drawing ? (
        <NumberField label="Number of clusters" {...field.number('modes')} integer help="How many clusters sit on the ring." />
      ) : null}
      {settings.dataset === 'grid' && !props.drawing ? (
        <SelectField label="Number of clusters" value={String(settings.modes)} options={GRID_MODES} help="The grid is always square."
          onChange={(m) => onEdit({ ...settings, modes: Number(m) })} />
      ) : null}
      {settings.dataset !== 'custom' && !props.drawing ? (
        <NumberField label={mixture ? 'Spread σ of each cluster' : 'Noise σ'} {...field.number('sigma')}
          help={mixture ? 'Small σ makes sharp, separate clusters; large σ blurs them together.' : 'How far points scatter around the ideal shape.'} />
      ) : null}
      <div className="field-row">
        <NumberField label="Seed" {...field.number('seed')} integer testId="seed-input"
          help="The seed fixes every random choice (data, starting weights, noise): the same seed replays the same run exactly." />
        <button type="button" className="button-secondary field-row-button" onClick={() => onEdit({ ...settings, seed: randomSeed() })}>
          New random seed
        </button>
      </div>
      <OwnPoints {...props} />
    </>
  );
}

/** Checks a CSV file (its size before reading anything, then its rows); the reason it cannot be used, or null. */
async function csvFileProblem(file: File): Promise<string | null> {
  const tooBig = csvSizeProblem(file.size);
  if (tooBig) return tooBig;
  try {
    parsePointsCsv(await file.text());
    return null;
  } catch (error) {
    return error instanceof PointsCsvError ? error.message : messageOf(error);
  }
}

function OwnPoints(props: DatasetControlsProps) {
  // Shown under the file input too: the notices at the top of the page may be scrolled out of sight.
  const [fileError, setFileError] = useState<string | null>(null);
  const importFile = async (file: File) => {
    setFileError(null);
    const problem = await csvFileProblem(file);
    if (!problem) {
      props.onImportCsv(file);
      return;
    }
    const message = `"${file.name}" could not be used, so training carries on as before. ${problem}`;
    setFileError(message);
    props.onNotice('error', message);
  };
  return (
    <fieldset className="subgroup">
      <legend>Your own points</legend>
      <p className="field-help">
        Switch on drawing, then brush over the plot to spray points. When you like your shape, train on it.
      </p>
      <div className="button-row">
        <button type="button" aria-pressed={props.drawing} className={props.drawing ? 'button-toggle is-on' : 'button-toggle'} onClick={() => props.onDrawingChange(!props.drawing)}>
          Draw points
        </button>
        <button type="button" className="button-secondary" onClick={props.onClearDrawing} disabled={props.ownPointCount === 0}>
          Clear drawing
        </button>
        <button type="button" className="button-primary" onClick={props.onTrainOnDrawing} disabled={props.ownPointCount < 2}>
          Train on my drawing
        </button>
      </div>
      <p className="field-help" aria-live="polite">
        {props.ownPointCount === 0 ? 'No points yet.' : `${props.ownPointCount.toLocaleString('en-US')} points ready.`}
      </p>
      <FileField id="csv-import" label="Import x,y points from a CSV file" accept=".csv,.txt,.tsv,text/csv,text/plain" error={fileError}
        onFile={(file) => void importFile(file)}
        help={<>
          One point per row, x then y (a header row such as "x,y" is fine), at most {MAX_ROWS_TEXT} rows and {MAX_SIZE_TEXT}. The lab
          trains on them straight away.
        </>} />
    </fieldset>
  );
}
