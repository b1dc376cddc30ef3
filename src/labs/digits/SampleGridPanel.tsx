/**
 * The fixed-noise sample grid: the same 64 noise vectors every update, so each
 * cell visibly grows from static into a digit. Optional captions give D's score
 * (and, for a conditional model, the digit asked for). The timeline that replays
 * the run sits beside the grid when there is room (so both are in sight while
 * scrubbing), else under it, with the explanations.
 */
import { useMemo, useRef, useState } from 'react';
import { IMAGE_SIZE } from '../../core/mnist/digitGanSettings';
import type { LossKind } from '../../core/shared/ganOptions';
import { ImageGrid } from '../shared/ImageGrid';
import { DigitNotes } from './DigitNotes';
import { CheckboxField } from '../shared/formFields';
import { gridCaptions, isCriticLoss } from './gridCaptions';
import { shownSnapshot, type GridSnapshot } from '../shared/timeline';
import { TrainingTimeline } from '../shared/TrainingTimeline';
import { useGridFit } from './useFitScale';
import { usePresenting } from '../shared/presenting';

const COLUMNS = 8;
/** The side column's narrowest width beside the grid, gap included. */
const SIDE_REM = 14;
/** The sticky toolbar and the panel's heading, above the grid when it is scrolled into view. */
const RESERVE_PX = 230;
/** In presentation mode the app's header and the lab's introduction are folded away. */
const PRESENTING_RESERVE_PX = 170;

export interface SampleGridPanelProps {
  timeline: GridSnapshot[];
  loss: LossKind;
  conditional: boolean;
  /** The captions show D's score of each cell (the page keeps it, so a shared link carries it). */
  showScores: boolean;
  onShowScoresChange(show: boolean): void;
}

export function SampleGridPanel({ timeline, loss, conditional, showScores, onShowScoresChange }: SampleGridPanelProps) {
  // The held step belongs to one run: when the timeline restarts (a reset), the grid follows training again.
  const [pin, setPin] = useState<{ step: number; origin: GridSnapshot } | null>(null);
  const pinnedStep = pin && pin.origin === timeline[0] ? pin.step : null;
  const shown = shownSnapshot(timeline, pinnedStep);
  const snapshot = shown.index >= 0 ? timeline[shown.index] : null;
  const holder = useRef<HTMLDivElement>(null);
  // The whole grid fits the window below the sticky toolbar when it can, as a lecturer needs it.
  const presenting = usePresenting();
  // On a projector the whole grid matters more than big cells: it may shrink to fit the screen.
  const { scale, beside } = useGridFit(holder, { columns: COLUMNS, min: presenting ? 2 : 3, max: 5, rows: COLUMNS, reserve: presenting ? PRESENTING_RESERVE_PX : RESERVE_PX, sideRem: SIDE_REM });
  const critic = isCriticLoss(loss);

  const images = useMemo(
    () => snapshot && { pixels: snapshot.grid, count: snapshot.gridCount, height: IMAGE_SIZE, width: IMAGE_SIZE, channels: 1 as const },
    [snapshot],
  );
  const captions = useMemo(
    () => snapshot && gridCaptions(snapshot.gridCount, { verdicts: snapshot.verdicts, labels: snapshot.labels, critic, showScores }),
    [snapshot, critic, showScores],
  );

  const heading = <h2 id="sample-grid-heading" className="panel-title">The forger's digits</h2>;
  return (
    <section className="panel plot-panel" aria-labelledby="sample-grid-heading">
      {beside ? null : heading}
      <div className={beside ? 'digit-view sample-view is-beside' : 'digit-view sample-view'} ref={holder}>
        <div className="digit-figure" data-main-view>
          {images ? (
            <ImageGrid images={images} columns={COLUMNS} scale={scale} captions={captions} testId="sample-grid"
              label={`64 generated digits at generator step ${snapshot?.step ?? 0}, each from its own fixed noise vector`} />
          ) : (
            <p className="digit-placeholder">The grid appears once the model is built.</p>
          )}
        </div>
        <div className="sample-side">
          {/* Beside the grid, the heading tops the side column, so the whole grid fits under the toolbar on a 900-pixel screen. */}
          {beside ? heading : null}
          <TrainingTimeline
            subject="the digits"
            steps={timeline.map((s) => s.step)}
            index={shown.index}
            live={shown.live}
            onPin={(step) => setPin(step === null || timeline.length === 0 ? null : { step, origin: timeline[0] })}
          />
          <div className="sample-options">
            <CheckboxField
              label="Show the discriminator's scores"
              checked={showScores}
              help={critic
                ? 'Under each cell, the critic\'s score: higher means "more real". Scores have no fixed scale; compare cells with each other.'
                : 'Under each cell, how real the discriminator finds it, from 0 (surely fake) to 1 (surely real).'}
              onChange={onShowScoresChange}
            />
            {conditional ? (
              <p className="field-help">Conditional model: the digit in quotes under each cell is the one the generator was asked to draw.</p>
            ) : null}
          </div>
          <DigitNotes notes={[
            ['What it shows', 'Sixty-four fakes, each from its own noise vector that never changes. Only the generator changes, so each '
              + 'cell shows one of its "ideas" turning from grey static into a digit.'],
            ['Watch for', 'Blobs first, then strokes, then digits. If many cells become the same digit, the generator has settled on a '
              + 'few safe answers: mode collapse.'],
          ]} />
        </div>
      </div>
    </section>
  );
}
