/**
 * The invisible watermark, classic variant: mark a picture with a key and a 32-bit payload,
 * see what it costs (PSNR and the difference, magnified), attack it (JPEG from this browser's
 * own encoder, noise, blur, resizing, cropping, rotation), detect it, and try the averaging
 * attack; the learned mark and the regeneration attack have panels of their own. Self-contained: no props. Long loops yield to the page between pictures.
 */
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import digitsUrl from 'virtual:mnist-digits';
import { fetchDigitAsset, type DigitSet } from '../../core/mnist/digitAsset';
import { averagingAttack } from '../../core/provenance/averagingAttack';
import { boxBlur, cropPicture, gaussianNoise, resizeDownUp, rotatePicture } from '../../core/provenance/imageAttacks';
import { differencePicture, psnr } from '../../core/provenance/imageQuality';
import { greyPicture, type RgbaPicture } from '../../core/provenance/picture';
import { PICTURE_SIZE, digitPicture, toyFaceChoice, toyFacePicture } from '../../core/provenance/provenancePictures';
import {
  DEFAULT_WATERMARK_OPTIONS, STRENGTH_LIMITS, detectWatermark, embedWatermark, payloadBitAccuracy, payloadFromText, type WatermarkDetection,
} from '../../core/provenance/spreadSpectrumWatermark';
import { jpegRoundTrip } from './browserJpeg';
import { RobustnessCurves } from './RobustnessCurves';
import { RegenerationPanel } from './RegenerationPanel';
import { Hint, PictureView } from './watermarkViews';
import { LearnedMarkPanel, type LearnedMarker } from './LearnedMarkPanel';
import './watermarkPanel.css';

type Source = 'face' | 'digit';
type AttackKind = 'none' | 'jpeg' | 'noise' | 'blur' | 'resize' | 'crop' | 'rotate';

const ATTACKS: { kind: AttackKind; label: string; help: string; min: number; max: number; step: number; initial: number; unit: string }[] = [
  { kind: 'none', label: 'None', help: 'The marked picture exactly as it was made.', min: 0, max: 0, step: 1, initial: 0, unit: '' },
  { kind: 'jpeg', label: 'JPEG', help: 'Saves the picture as JPEG with this browser\'s own encoder (canvas.toBlob) at this quality and opens it again, as an upload would.', min: 10, max: 100, step: 5, initial: 75, unit: 'quality' },
  { kind: 'noise', label: 'Noise', help: 'Adds random Gaussian noise of this standard deviation (in 8-bit levels) to every colour.', min: 1, max: 30, step: 1, initial: 5, unit: 'levels' },
  { kind: 'blur', label: 'Blur', help: 'Replaces each pixel by the mean of the square of this radius around it.', min: 1, max: 3, step: 1, initial: 1, unit: 'px radius' },
  { kind: 'resize', label: 'Shrink and enlarge', help: 'Shrinks the picture to this share of its size and enlarges it back (bilinear): the finest detail is lost.', min: 25, max: 90, step: 5, initial: 50, unit: '% size' },
  { kind: 'crop', label: 'Crop', help: 'Keeps a square of this share of each side, at a random place; the detector tries every place it could have come from.', min: 50, max: 95, step: 5, initial: 75, unit: '% of each side' },
  { kind: 'rotate', label: 'Rotate', help: 'Turns the picture by this many degrees: from about 2° on, the 8×8 blocks no longer line up and this classic mark is lost.', min: -5, max: 5, step: 0.5, initial: 1, unit: '°' },
];

/** Lets the page paint and answer clicks between pieces of a long loop. */
const breathe = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

async function applyAttack(picture: RgbaPicture, kind: AttackKind, amount: number, seed: number): Promise<{ picture: RgbaPicture; note: string; cropped: boolean }> {
  switch (kind) {
    case 'none': return { picture, note: 'No attack.', cropped: false };
    case 'jpeg': {
      const { picture: back, bytes } = await jpegRoundTrip(picture, amount);
      return { picture: back, note: `JPEG quality ${amount}: ${(bytes / 1024).toFixed(1)} KiB.`, cropped: false };
    }
    case 'noise': return { picture: gaussianNoise(picture, amount, seed), note: `Noise of ${amount} levels.`, cropped: false };
    case 'blur': return { picture: boxBlur(picture, amount), note: `Box blur, radius ${amount}.`, cropped: false };
    case 'resize': return { picture: resizeDownUp(picture, amount / 100), note: `Shrunk to ${amount}% and enlarged back.`, cropped: false };
    case 'crop': {
      const side = Math.max(16, Math.round((picture.width * amount) / 100));
      const x = seed % (picture.width - side + 1);
      const y = Math.floor(seed / 7) % (picture.height - side + 1);
      return { picture: cropPicture(picture, x, y, side, side), note: `Cropped to ${side}×${side} at (${x}, ${y}).`, cropped: true };
    }
    case 'rotate': return { picture: rotatePicture(picture, amount), note: `Rotated by ${amount}°.`, cropped: false };
  }
}

const formatPayload = (p: number) => `${p} (0x${p.toString(16).padStart(8, '0')})`;

export function WatermarkPanel() {
  const id = useId();
  const [source, setSource] = useState<Source>('face');
  const [pictureNumber, setPictureNumber] = useState(1);
  const [digits, setDigits] = useState<DigitSet | null>(null);
  const [digitProblem, setDigitProblem] = useState<string | null>(null);
  const [key, setKey] = useState('my secret key');
  const [detectKey, setDetectKey] = useState('my secret key');
  const [payloadText, setPayloadText] = useState('20260101');
  const [strength, setStrength] = useState(DEFAULT_WATERMARK_OPTIONS.strength);
  const [gain, setGain] = useState(10);
  const [attack, setAttack] = useState<AttackKind>('jpeg');
  const [amounts, setAmounts] = useState<Record<AttackKind, number>>(() => Object.fromEntries(ATTACKS.map((a) => [a.kind, a.initial])) as Record<AttackKind, number>);
  const [busy, setBusy] = useState<string | null>(null);
  const [learnedMarker, setLearnedMarker] = useState<LearnedMarker | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [colluders, setColluders] = useState(16);
  const [averaging, setAveraging] = useState<{ n: number; estimate: RgbaPicture; attacked: RgbaPicture; bits: number; detected: boolean; statistic: number; threshold: number; quality: number } | null>(null);
  const cancelled = useRef(false);
  useEffect(() => () => { cancelled.current = true; }, []);

  let payload: number | null = null;
  let payloadProblem: string | null = null;
  try {
    payload = payloadFromText(payloadText);
  } catch (e) {
    payloadProblem = (e as Error).message;
  }

  useEffect(() => {
    if (source !== 'digit' || digits || digitProblem) return;
    fetchDigitAsset(digitsUrl).then(setDigits, (e: Error) => setDigitProblem(e.message));
  }, [source, digits, digitProblem]);

  const pictureFor = useCallback((kind: Source, n: number): RgbaPicture | null => {
    if (kind === 'face') return toyFacePicture(n);
    if (!digits) return null;
    const i = ((n * 7919) % digits.count + digits.count) % digits.count;
    const size = digits.rows * digits.cols;
    return digitPicture(digits.pixels.subarray(i * size, (i + 1) * size), digits.rows, digits.cols);
  }, [digits]);

  const original = pictureFor(source, pictureNumber);
  /** What the marked picture depends on: results made for another set-up are not shown. */
  const signature = JSON.stringify([source, pictureNumber, digits !== null, key, payload, strength]);
  const [markedFor, setMarkedFor] = useState<{ signature: string; picture: RgbaPicture | null; problem: string | null } | null>(null);
  // Marking takes a tenth of a second or so: done once the slider has come to rest, not on every step.
  useEffect(() => {
    if (!original || payload === null || key.length === 0) return;
    const timer = setTimeout(() => {
      try {
        setMarkedFor({ signature, picture: embedWatermark(original, key, payload!, { strength }).picture, problem: null });
      } catch (e) {
        setMarkedFor({ signature, picture: null, problem: (e as Error).message });
      }
    }, 60);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `original` and `payload` follow from the signature.
  }, [signature]);
  const marked = markedFor?.signature === signature ? markedFor.picture : null;
  const markProblem = markedFor?.signature === signature ? markedFor.problem : null;
  const [attackedFor, setAttackedFor] = useState<{ signature: string; attacked: { picture: RgbaPicture; note: string; cropped: boolean }; detection: WatermarkDetection } | null>(null);
  const attacked = attackedFor?.signature === signature ? attackedFor.attacked : null;
  const detection = attackedFor?.signature === signature ? attackedFor.detection : null;

  const quality = original && marked ? psnr(original, marked) : null;
  const difference = original && marked ? differencePicture(original, marked, gain) : null;
  const attackSpec = ATTACKS.find((a) => a.kind === attack)!;

  async function runAttackAndDetect() {
    if (!marked) return;
    setBusy('Attacking and detecting…');
    setError(null);
    try {
      const forSignature = signature;
      const result = await applyAttack(marked, attack, amounts[attack], pictureNumber * 31 + 5);
      await breathe();
      const found = detectWatermark(result.picture, detectKey, { strength, ...(result.cropped ? { markedWidth: PICTURE_SIZE, markedHeight: PICTURE_SIZE } : {}) });
      setAttackedFor({ signature: forSignature, attacked: result, detection: found });
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  }

  async function runAveraging() {
    if (payload === null || !key) return;
    setBusy('Marking pictures for the averaging attack…');
    setError(null);
    try {
      const marks: RgbaPicture[] = [];
      for (let i = 0; i < colluders + 1 && !cancelled.current; i++) {
        marks.push(embedWatermark(toyFacePicture(1000 + i), key, payload, { strength }).picture);
        setBusy(`Marking pictures for the averaging attack: ${i + 1} of ${colluders + 1}…`);
        await breathe();
      }
      const target = marks[colluders];
      const { picture, estimate } = averagingAttack(marks.slice(0, colluders), target);
      const found = detectWatermark(picture, key, { strength });
      const shown = greyPicture(Array.from(estimate, (v) => 128 + gain * v), PICTURE_SIZE, PICTURE_SIZE);
      setAveraging({ n: colluders, estimate: shown, attacked: picture, bits: payloadBitAccuracy(found, payload), detected: found.detected, statistic: found.statistic, threshold: found.threshold, quality: psnr(toyFacePicture(1000 + colluders), picture) });
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  }

  const bitAccuracy = detection && payload !== null ? payloadBitAccuracy(detection, payload) : null;

  return (
    <section className="wm-panel" aria-labelledby={`${id}-title`} data-testid="watermark-panel">
      <h2 id={`${id}-title`}>Invisible watermark (classic spread spectrum)</h2>
      <p className="wm-intro">
        A secret key picks about 1,300 low-frequency numbers of the picture&apos;s 8×8 JPEG-style blocks and nudges each up or down a little;
        together they spell a 32-bit payload, with error correction. The detector needs only the key: it adds up the nudges it expects and
        compares the total with a threshold set so that an unmarked picture passes less than once in 10,000 tries.
      </p>

      <div className="wm-controls">
        <fieldset className="wm-field">
          <legend>Picture</legend>
          <label><input type="radio" name={`${id}-source`} checked={source === 'face'} onChange={() => setSource('face')} /> Toy face</label>
          <label><input type="radio" name={`${id}-source`} checked={source === 'digit'} onChange={() => setSource('digit')} /> Handwritten digit</label>
          <button type="button" onClick={() => setPictureNumber((n) => n + 1)} data-testid="wm-next-picture">Another picture</button>
          <Hint id={`${id}-source-help`}>Invented cartoon faces or MNIST digits, 128×128 in colour; the mark changes only their brightness.</Hint>
          {source === 'digit' && digitProblem ? <p className="wm-error" role="alert">{digitProblem}</p> : null}
        </fieldset>

        <div className="wm-field">
          <label htmlFor={`${id}-key`}>Key</label>
          <input id={`${id}-key`} type="text" value={key} maxLength={200} onChange={(e) => { setKey(e.target.value); setDetectKey(e.target.value); }} aria-describedby={`${id}-key-help`} data-testid="wm-key" />
          <Hint id={`${id}-key-help`}>The secret that decides which numbers carry the mark and in which direction; without it the mark can be neither read nor found.</Hint>
          {key.length === 0 ? <p className="wm-error" role="alert">Type a key: the mark needs one.</p> : null}
        </div>

        <div className="wm-field">
          <label htmlFor={`${id}-payload`}>Payload</label>
          <input id={`${id}-payload`} type="text" value={payloadText} onChange={(e) => setPayloadText(e.target.value)} aria-describedby={`${id}-payload-help`} data-testid="wm-payload" />
          <Hint id={`${id}-payload-help`}>What the mark says: a whole number up to 4,294,967,295 (32 bits), or any text, which is turned into such a number.</Hint>
          {payloadProblem ? <p className="wm-error" role="alert">{payloadProblem}</p> : payload !== null ? <p className="wm-value">Carries {formatPayload(payload)}</p> : null}
        </div>

        <div className="wm-field">
          <label htmlFor={`${id}-strength`}>Strength: {strength.toFixed(1)}</label>
          <input id={`${id}-strength`} type="range" min={STRENGTH_LIMITS.min} max={20} step={0.5} value={strength} onChange={(e) => setStrength(Number(e.target.value))} aria-describedby={`${id}-strength-help`} data-testid="wm-strength" />
          <Hint id={`${id}-strength-help`}>How far each chosen number is nudged (in brightness levels): stronger survives more, but shows more and lowers the PSNR.</Hint>
        </div>
      </div>

      <div className="wm-pictures">
        <PictureView picture={original} label="Original" />
        <PictureView picture={marked} label="Marked" testId="wm-marked" />
        <PictureView picture={difference} label={`Difference ×${gain}`} testId="wm-difference" />
        <div className="wm-readout">
          <p data-testid="wm-psnr">PSNR: <strong>{quality === null ? '—' : quality === Infinity ? '∞' : `${quality.toFixed(1)} dB`}</strong></p>
          <p className="wm-hint">Peak signal-to-noise ratio of the marked picture against the original: above about 38 dB the change is very hard to see.</p>
          <label htmlFor={`${id}-gain`}>Magnify the difference</label>
          <select id={`${id}-gain`} value={gain} onChange={(e) => setGain(Number(e.target.value))} aria-describedby={`${id}-gain-help`}>
            {[5, 10, 20, 50].map((g) => <option key={g} value={g}>×{g}</option>)}
          </select>
          <Hint id={`${id}-gain-help`}>Mid-grey means unchanged; lighter and darker show where the mark brightened or darkened the picture, this many times larger.</Hint>
        </div>
      </div>

      <div className="wm-controls">
        <div className="wm-field">
          <label htmlFor={`${id}-attack`}>Attack</label>
          <select id={`${id}-attack`} value={attack} onChange={(e) => setAttack(e.target.value as AttackKind)} aria-describedby={`${id}-attack-help`} data-testid="wm-attack">
            {ATTACKS.map((a) => <option key={a.kind} value={a.kind}>{a.label}</option>)}
          </select>
          <Hint id={`${id}-attack-help`}>{attackSpec.help}</Hint>
        </div>
        {attack !== 'none' ? (
          <div className="wm-field">
            <label htmlFor={`${id}-amount`}>{attackSpec.label}: {amounts[attack]} {attackSpec.unit}</label>
            <input id={`${id}-amount`} type="range" min={attackSpec.min} max={attackSpec.max} step={attackSpec.step} value={amounts[attack]}
              onChange={(e) => setAmounts((a) => ({ ...a, [attack]: Number(e.target.value) }))} aria-describedby={`${id}-amount-help`} data-testid="wm-attack-amount" />
            <Hint id={`${id}-amount-help`}>How hard the attack is; the marked picture above is not changed, the attacked copy is shown below.</Hint>
          </div>
        ) : null}
        <div className="wm-field">
          <label htmlFor={`${id}-detect-key`}>Detector&apos;s key</label>
          <input id={`${id}-detect-key`} type="text" value={detectKey} maxLength={200} onChange={(e) => setDetectKey(e.target.value)} aria-describedby={`${id}-detect-key-help`} data-testid="wm-detect-key" />
          <Hint id={`${id}-detect-key-help`}>The key the detector tries; change it to see that a wrong key finds nothing.</Hint>
        </div>
        <div className="wm-field">
          <button type="button" onClick={runAttackAndDetect} disabled={!marked || busy !== null || detectKey.length === 0} data-testid="wm-detect">Attack, then detect</button>
          <Hint id={`${id}-detect-help`}>Applies the attack to a copy of the marked picture and looks for the mark in it with the detector&apos;s key.</Hint>
        </div>
      </div>

      {busy ? <p className="wm-busy" role="status">{busy}</p> : null}
      {error ?? markProblem ? <p className="wm-error" role="alert">{error ?? markProblem}</p> : null}

      {attacked && detection ? (
        <div className="wm-pictures" data-testid="wm-result">
          <PictureView picture={attacked.picture} label={`Attacked: ${attacked.note}`} testId="wm-attacked" />
          <div className="wm-readout">
            <p className={detection.detected ? 'wm-verdict wm-found' : 'wm-verdict wm-absent'} data-testid="wm-verdict">
              {detection.detected ? 'Mark found' : 'No mark found'}
            </p>
            <p data-testid="wm-correlation">
              Correlation {detection.correlation.toFixed(3)} against a threshold of {detection.correlationThreshold.toFixed(3)}
              {' '}(statistic {detection.statistic.toFixed(2)} / {detection.threshold.toFixed(2)}{detection.placementsTried > 1 ? `, best of ${detection.placementsTried.toLocaleString('en')} placements, at (${detection.offset.x}, ${detection.offset.y})` : ''}).
            </p>
            <p data-testid="wm-payload-read">
              Payload read: {detection.payload === null ? `none: ${detection.decodeProblem}` : `${formatPayload(detection.payload)}${detection.correctedBits ? `, ${detection.correctedBits} bit${detection.correctedBits > 1 ? 's' : ''} corrected` : ''}`}
              {detection.payload !== null && payload !== null ? (detection.payload === payload ? ' — correct.' : ' — wrong.') : ''}
              {detection.payload !== null && !detection.detected ? ' Without the mark found, a payload that happens to decode means nothing (about 1 unmarked picture in 300 gives one).' : ''}
            </p>
            {bitAccuracy !== null ? <p data-testid="wm-bit-accuracy">Bit accuracy: {(bitAccuracy * 100).toFixed(0)}% of the 32 payload bits (50% is guessing).</p> : null}
            <p className="wm-hint">The correlation is the detector&apos;s evidence; the threshold is set from Hoeffding&apos;s inequality so an unmarked picture reaches it at most once in 10,000 tries (the more placements a crop needs, the higher it goes).</p>
          </div>
        </div>
      ) : null}

      <h3>How much can it take?</h3>
      <p className="wm-intro">
        Each attack at growing strength, over several pictures: how many of the 32 payload bits are still read right, how often the
        mark is found and the payload comes back whole — and, on the same pictures left unmarked, how often the detector wrongly finds it.
      </p>
      <RobustnessCurves
        markKey={key}
        payload={payload ?? 0}
        strength={strength}
        pictureFor={(i) => pictureFor(source, pictureNumber + i) ?? toyFacePicture(pictureNumber + i)}
        disabled={busy !== null || payload === null || !key}
        onBusy={setBusy}
        onError={setError}
        learned={learnedMarker}
      />

      <h3>A watermark that learns</h3>
      <LearnedMarkPanel onMarker={setLearnedMarker} onError={setError} />

      <h3>The regeneration attack</h3>
      <RegenerationPanel original={original} marked={marked} identity={source === 'face' ? toyFaceChoice(pictureNumber).identity : null}
        markKey={key} payload={payload} strength={strength} disabled={busy !== null} onBusy={setBusy} onError={setError} />

      <h3>The averaging attack</h3>
      <p className="wm-intro">
        Everything one camera marks carries the same pattern. Average the fine detail of many of its pictures: their contents differ and
        blur away, the pattern stays. Subtract that estimate from another of its pictures and the payload goes.
      </p>
      <div className="wm-controls">
        <div className="wm-field">
          <label htmlFor={`${id}-colluders`}>Pictures averaged: {colluders}</label>
          <input id={`${id}-colluders`} type="range" min={1} max={48} step={1} value={colluders} onChange={(e) => setColluders(Number(e.target.value))} aria-describedby={`${id}-colluders-help`} data-testid="wm-colluders" />
          <Hint id={`${id}-colluders-help`}>How many different toy faces, all marked with this key and payload, the attacker has collected.</Hint>
        </div>
        <div className="wm-field">
          <button type="button" onClick={runAveraging} disabled={busy !== null || payload === null || !key} data-testid="wm-average">Run the averaging attack</button>
          <Hint id={`${id}-average-help`}>Marks the faces, averages them into an estimate of the mark, subtracts it from one more marked face and detects again.</Hint>
        </div>
      </div>
      {averaging ? (
        <div className="wm-pictures" data-testid="wm-average-result">
          <PictureView picture={averaging.estimate} label={`Estimated mark from ${averaging.n} pictures (×${gain})`} />
          <PictureView picture={averaging.attacked} label="Another marked face, estimate subtracted" />
          <div className="wm-readout">
            <p>Bit accuracy after the attack: <strong>{(averaging.bits * 100).toFixed(0)}%</strong> (50% is guessing).</p>
            <p>{averaging.detected ? 'Mark still found' : 'Mark no longer found'}: statistic {averaging.statistic.toFixed(2)} against {averaging.threshold.toFixed(2)}.</p>
            <p>PSNR against the unmarked face: {averaging.quality.toFixed(1)} dB (with few pictures, the estimate carries their faces too and damages the picture).</p>
          </div>
        </div>
      ) : null}
    </section>
  );
}
