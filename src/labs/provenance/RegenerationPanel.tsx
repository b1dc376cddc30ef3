/**
 * The regeneration attack: the marked toy face redrawn by the face-swap lab's shipped
 * autoencoder (core/provenance/regeneration.ts, in a worker started on first use), beside the
 * control, the same face only shrunk to the model's side and back; the mark is then detected in
 * both. The result belongs to the marked picture it was made from and is not shown for another.
 */
import { useEffect, useId, useRef, useState } from 'react';
import * as Comlink from 'comlink';
import { pretrainedFaceSwapSettings } from '../../core/autoencoder/pretrainedFaceSwaps';
import { resizeDownUp } from '../../core/provenance/imageAttacks';
import { psnr } from '../../core/provenance/imageQuality';
import type { RgbaPicture } from '../../core/provenance/picture';
import { detectWatermark, payloadBitAccuracy } from '../../core/provenance/spreadSpectrumWatermark';
import { findIdentity } from '../../core/toyfaces/toyFaceIdentities';
import type { RegenerationWorkerApi } from '../../protocol/provenance/regenerationProtocol';
import { Hint, PictureView } from './watermarkViews';

/** The shipped toy-face model the regeneration worker loads: the side it draws at and the characters it knows. */
const REGENERATION_MODEL = pretrainedFaceSwapSettings('toy-faces');
const REGENERATION_SIDE = REGENERATION_MODEL.imageSize;
const REGENERABLE: readonly string[] = [REGENERATION_MODEL.identityA, REGENERATION_MODEL.identityB];

interface Judged { picture: RgbaPicture; detected: boolean; bits: number; quality: number }
interface RegenerationResult { from: RgbaPicture; redrawn: Judged; control: Judged }

export interface RegenerationPanelProps {
  original: RgbaPicture | null;
  marked: RgbaPicture | null;
  /** The toy-face character shown, or null for a digit. */
  identity: string | null;
  markKey: string;
  payload: number | null;
  strength: number;
  /** Another job of the panel is running. */
  disabled: boolean;
  onBusy: (message: string | null) => void;
  onError: (message: string | null) => void;
}

export function RegenerationPanel({ original, marked, identity, markKey, payload, strength, disabled, onBusy, onError }: RegenerationPanelProps) {
  const id = useId();
  const worker = useRef<{ worker: Worker; api: Comlink.Remote<RegenerationWorkerApi> } | null>(null);
  useEffect(() => () => worker.current?.worker.terminate(), []);
  const [result, setResult] = useState<RegenerationResult | null>(null);
  const shown = result && result.from === marked ? result : null;
  const regenerable = identity !== null && REGENERABLE.includes(identity);
  const name = identity ? findIdentity(identity)?.name ?? identity : null;

  async function run() {
    if (!marked || !original || !identity || payload === null) return;
    onBusy('Redrawing the face with the face-swap autoencoder…');
    onError(null);
    try {
      if (!worker.current) {
        const w = new Worker(new URL('../../worker/provenance/regenerationWorker.ts', import.meta.url), { type: 'module' });
        worker.current = { worker: w, api: Comlink.wrap<RegenerationWorkerApi>(w) };
      }
      const data = await worker.current.api.regenerate(marked.data.slice(), marked.width, marked.height, identity);
      const judge = (picture: RgbaPicture): Judged => {
        const found = detectWatermark(picture, markKey, { strength });
        return { picture, detected: found.detected, bits: payloadBitAccuracy(found, payload), quality: psnr(original, picture) };
      };
      const control = resizeDownUp(marked, REGENERATION_SIDE / marked.width);
      setResult({ from: marked, redrawn: judge({ width: marked.width, height: marked.height, data }), control: judge(control) });
    } catch (e) {
      onError(`The regeneration failed: ${(e as Error).message}`);
    } finally {
      onBusy(null);
    }
  }

  return (
    <>
      <p className="wm-intro">
        Let a generative model draw the picture again. It draws what it learned a face looks like, and an invisible mark is not part of that, so it does not come
        back. Here the model is the face-swap lab&rsquo;s autoencoder, which knows Juno and Orbo: the marked face goes through its shared encoder and the same
        character&rsquo;s decoder. It works at {REGENERATION_SIDE}×{REGENERATION_SIDE} pixels, so beside it is the control: the same face only shrunk to that size and
        enlarged again, to tell what the redrawing removes from what the shrinking does.
      </p>
      <div className="wm-controls">
        <div className="wm-field">
          <button type="button" onClick={() => void run()} disabled={disabled || !marked || !regenerable} data-testid="wm-regenerate">Regenerate the marked face</button>
          <Hint id={`${id}-regenerate-help`}>
            {regenerable ? `Redraws ${name}'s marked face in a worker (TF.js; the model loads on first use), then detects the mark in it and in the control.`
              : 'Choose a toy face of Juno or Orbo above (the model knows no one else).'}
          </Hint>
        </div>
      </div>
      {shown ? (
        <div className="wm-pictures" data-testid="wm-regeneration">
          <PictureView picture={shown.from} label="The marked face" />
          <PictureView picture={shown.redrawn.picture} label="Redrawn by the autoencoder" testId="wm-regenerated" />
          <PictureView picture={shown.control.picture} label={`Control: shrunk to ${REGENERATION_SIDE} px and back`} />
          <div className="wm-readout" data-testid="wm-regeneration-readout">
            <p>Redrawn: <strong>{shown.redrawn.detected ? 'mark found' : 'mark gone'}</strong>, {(shown.redrawn.bits * 100).toFixed(0)}% of the payload bits read right, {shown.redrawn.quality.toFixed(1)} dB against the unmarked face.</p>
            <p>Control: <strong>{shown.control.detected ? 'mark found' : 'mark gone'}</strong>, {(shown.control.bits * 100).toFixed(0)}% of the bits, {shown.control.quality.toFixed(1)} dB.</p>
            <p className="wm-hint">A redrawn picture is a new picture: it looks like the face and carries neither the mark nor the credentials. The published attacks (Zhao et al. 2023) regenerate at full size with a diffusion model, keep the picture sharp and remove marks all the same; the answer is provenance that survives, or a mark the generator itself must draw.</p>
          </div>
        </div>
      ) : null}
    </>
  );
}
