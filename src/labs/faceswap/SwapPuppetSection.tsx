/**
 * Puppet mode: the page keeps the sliders' factors (or the held-out digit) and
 * asks the worker for A's picture, its rebuild and its swap whenever they or
 * the weights change, at most a few times per second.
 */
import { useCallback, useState } from 'react';
import { NEUTRAL_FACTORS, type FaceFactors } from '../../core/faceswap/faceFactors';
import type { SwapDatasetKind } from '../../core/faceswap/faceSwapSettings';
import { useLiveRequest } from '../shared/useLiveRequest';
import type { PuppetPictures } from '../../protocol/faceswap/faceSwapProtocol';
import { PuppetPanel } from './PuppetPanel';
import type { SwapNames } from './swapPaths';

/** Held-out thin digits offered (the set holds thousands; a hundred is plenty to step through). */
const DIGIT_CHOICES = 100;
const MIN_INTERVAL_MS = 120;

export interface SwapPuppetSectionProps {
  ready: boolean;
  dataset: SwapDatasetKind;
  names: SwapNames;
  /** Changes whenever the weights may have (each frame, a new model). */
  version: string;
  /** Null answers a stale question (the worker has moved on to the other dataset). */
  puppet(factors: FaceFactors): Promise<PuppetPictures | null>;
  puppetDigit(index: number): Promise<PuppetPictures | null>;
  onError(error: unknown): void;
}

export function SwapPuppetSection({ ready, dataset, names, version, puppet, puppetDigit, onError }: SwapPuppetSectionProps) {
  const [factors, setFactors] = useState<FaceFactors>({ ...NEUTRAL_FACTORS });
  const [digitIndex, setDigitIndex] = useState(0);
  const faces = dataset === 'toyFaces';
  const ask = useCallback(() => (faces ? puppet(factors) : puppetDigit(digitIndex)), [faces, puppet, puppetDigit, factors, digitIndex]);
  const key = `${version}|${dataset}|${faces ? JSON.stringify(factors) : digitIndex}`;
  const pictures = useLiveRequest(ready ? ask : null, key, MIN_INTERVAL_MS, onError);
  // A picture of the other dataset (just switched) would be the wrong size for its captions: wait for the new one.
  const fitting = pictures && (faces ? true : pictures.channels === 1) ? pictures : null;
  return (
    <section className="panel" aria-labelledby="swap-puppet-heading">
      <h2 id="swap-puppet-heading" className="panel-title">Puppet: you steer {names.a}, {names.b} follows</h2>
      <PuppetPanel dataset={dataset} factors={factors} onFactorsChange={setFactors} digitIndex={digitIndex} onDigitIndexChange={setDigitIndex}
        pictures={fitting} names={names} digitCount={DIGIT_CHOICES} />
    </section>
  );
}
