/**
 * Puppet mode: the page keeps the sliders' factors (or the held-out digit) and
 * asks the worker for A's picture, its rebuild and its swap whenever they or
 * the weights change, at most a few times per second.
 */
import { useState } from 'react';
import { NEUTRAL_FACTORS, type FaceFactors } from '../../core/toyfaces/faceFactors';
import type { SwapDatasetKind } from '../../core/autoencoder/faceSwapSettings';
import { useLiveRequest, type LiveView } from '../shared/useLiveRequest';
import type { PuppetPictures } from '../../protocol/faceswap/faceSwapProtocol';
import { PuppetPanel } from './PuppetPanel';
import type { SwapNames } from './swapPaths';

/** Held-out thin digits offered (the set holds thousands; a hundred is plenty to step through). */
const DIGIT_CHOICES = 100;
const MIN_INTERVAL_MS = 120;

export interface SwapPuppetSectionProps extends LiveView {
  dataset: SwapDatasetKind;
  names: SwapNames;
  /** Null answers a stale question (the worker has moved on to the other dataset). */
  puppet(factors: FaceFactors): Promise<PuppetPictures | null>;
  puppetDigit(index: number): Promise<PuppetPictures | null>;
}

export function SwapPuppetSection(props: SwapPuppetSectionProps) {
  const { dataset, names, puppet, puppetDigit } = props;
  const [factors, setFactors] = useState<FaceFactors>({ ...NEUTRAL_FACTORS });
  const [digitIndex, setDigitIndex] = useState(0);
  const faces = dataset === 'toyFaces';
  const pictures = useLiveRequest(props, [dataset, faces ? factors : digitIndex], MIN_INTERVAL_MS,
    () => (faces ? puppet(factors) : puppetDigit(digitIndex)));
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
