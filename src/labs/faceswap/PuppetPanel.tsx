/**
 * Puppet mode: the student sets A's expression and pose with sliders (toy
 * faces) or steps through held-out digits (digit styles); the page asks the
 * worker for A's picture, its rebuild by decoder A and its swap by decoder B,
 * and shows the three side by side. Props only: the page owns the state.
 */
import { useId, useMemo } from 'react';
import { FACTOR_RANGES, NEUTRAL_FACTORS, type FaceFactors, type FactorName } from '../../core/toyfaces/faceFactors';
import { ImageGrid } from '../shared/ImageGrid';
import type { ImageBatch } from '../shared/imageGridPainter';
import type { PuppetPictures } from '../../protocol/faceswap/faceSwapProtocol';
import { zoomFor } from './pictureZoom';
import { FACTOR_LABELS, FACTOR_STEP, PROMINENT_FACTORS, PUPPET_FACTOR_ORDER, factorValueText, randomFactors, withFactor } from './puppetFactors';
import type { SwapNames } from './swapPaths';
import './faceswap.css';

export interface PuppetPanelProps {
  dataset: 'toyFaces' | 'digitStyles';
  factors: FaceFactors;
  onFactorsChange: (f: FaceFactors) => void;
  digitIndex: number;
  onDigitIndexChange: (i: number) => void;
  pictures: PuppetPictures | null;
  names: SwapNames;
  /** A request is on its way: the pictures shown are the previous ones. */
  busy?: boolean;
  /** Held-out digits to choose from (the picker stops at the last); unbounded when not given. */
  digitCount?: number;
  /** About how many CSS pixels wide each picture is drawn. */
  cellSize?: number;
}

type PictureKey = 'source' | 'reconstruction' | 'swap';
const PICTURES: readonly PictureKey[] = ['source', 'reconstruction', 'swap'];

function captions(dataset: PuppetPanelProps['dataset'], names: SwapNames, digitIndex: number): Record<PictureKey, string> {
  return dataset === 'toyFaces'
    ? { source: `${names.a}, drawn with these settings`, reconstruction: `rebuilt by decoder ${names.a}`, swap: `swapped: ${names.b} makes the same face` }
    : { source: `${names.a}: held-out digit no. ${digitIndex + 1}`, reconstruction: `rebuilt by decoder ${names.a}`, swap: `swapped: decoder ${names.b} redraws it` };
}

function FactorSlider({ name, value, onChange }: { name: FactorName; value: number; onChange: (v: number) => void }) {
  const id = useId();
  const { low, high } = FACTOR_RANGES[name];
  return (
    <div className={`puppet-slider${PROMINENT_FACTORS.has(name) ? ' is-prominent' : ''}`}>
      <label htmlFor={id}>{FACTOR_LABELS[name]}</label>
      <input id={id} type="range" min={-1} max={1} step={FACTOR_STEP} value={value} data-testid={`puppet-${name}`}
        aria-valuetext={factorValueText(name, value)} onChange={(e) => onChange(Number(e.target.value))} />
      <div className="puppet-slider-ends" aria-hidden="true"><span>{low}</span><span>{high}</span></div>
    </div>
  );
}

export function PuppetPanel(props: PuppetPanelProps) {
  const { dataset, factors, onFactorsChange, digitIndex, onDigitIndexChange, pictures, names, busy = false, digitCount, cellSize = 176 } = props;
  const helpId = useId();
  const text = captions(dataset, names, digitIndex);
  const batches = useMemo(() => {
    if (!pictures) return null;
    const one = (pixels: Float32Array): ImageBatch => ({ pixels, count: 1, height: pictures.imageSize, width: pictures.imageSize, channels: pictures.channels });
    return { source: one(pictures.source), reconstruction: one(pictures.reconstruction), swap: one(pictures.swap) };
  }, [pictures]);
  const scale = pictures ? zoomFor(pictures.imageSize, cellSize) : 1;
  const lastDigit = digitCount === undefined ? Infinity : digitCount - 1;

  return (
    <div className="puppet">
      <div className="puppet-controls">
        <p className="puppet-help" id={helpId}>
          {dataset === 'toyFaces'
            ? <>Move a slider: only {names.a}'s picture is drawn from it. {names.b}'s face is the network's guess, made from {names.a}'s code.</>
            : <>Step through digits the network never trained on: only the left one is real; the right one is the network's guess at the same digit drawn as {names.b}.</>}
        </p>
        {dataset === 'toyFaces' ? (
          <fieldset className="puppet-factors" aria-describedby={helpId}>
            <legend>{names.a}'s expression and pose</legend>
            <div className="puppet-slider-grid">
              {PUPPET_FACTOR_ORDER.map((name) => (
                <FactorSlider key={name} name={name} value={factors[name]} onChange={(v) => onFactorsChange(withFactor(factors, name, v))} />
              ))}
            </div>
            <div className="button-row">
              <button type="button" data-testid="puppet-neutral" onClick={() => onFactorsChange({ ...NEUTRAL_FACTORS })}>Reset to neutral</button>
              <button type="button" data-testid="puppet-random" onClick={() => onFactorsChange(randomFactors())}>Random face</button>
            </div>
          </fieldset>
        ) : (
          <div className="puppet-digit-picker" role="group" aria-label="Choose a held-out digit" aria-describedby={helpId}>
            <button type="button" data-testid="puppet-previous" disabled={digitIndex <= 0} onClick={() => onDigitIndexChange(digitIndex - 1)}>
              ← Previous digit
            </button>
            <span className="puppet-digit-number" aria-live="polite">
              Digit {digitIndex + 1}{digitCount === undefined ? '' : ` of ${digitCount}`}
            </span>
            <button type="button" data-testid="puppet-next" disabled={digitIndex >= lastDigit} onClick={() => onDigitIndexChange(digitIndex + 1)}>
              Next digit →
            </button>
          </div>
        )}
      </div>
      <div className={`puppet-pictures${busy ? ' is-busy' : ''}`} aria-busy={busy}>
        {PICTURES.map((key, i) => (
          <div key={key} className="puppet-step">
            {i > 0 ? <span className="puppet-arrow" aria-hidden="true">→</span> : null}
            <figure className={`puppet-picture picture-${key}`}>
              {batches ? (
                <ImageGrid images={batches[key]} columns={1} scale={scale} testId={`puppet-${key}`} label={text[key]} />
              ) : (
                <div className="puppet-empty" style={{ width: cellSize, height: cellSize }} />
              )}
              <figcaption>{text[key]}</figcaption>
            </figure>
          </div>
        ))}
      </div>
    </div>
  );
}
