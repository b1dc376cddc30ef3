/**
 * The heart of the page: four spectrograms of the same words — Juno real, Orbo real (saying
 * exactly the same), Juno rebuilt by Juno's decoder, Juno converted by Orbo's decoder — with
 * formant tracks and measured pitch over them, a Play button on each, and the training timeline
 * that replays how the rebuild and the conversion sharpened.
 */
import { useMemo, useState } from 'react';
import { measuredPitch } from '../../core/voice/voicePreview';
import type { PreviewPicture, VoicePreview, VoiceSnapshot } from '../../protocol/voice/voiceProtocol';
import { TrainingTimeline } from '../shared/TrainingTimeline';
import { shownSnapshot } from '../shared/timeline';
import { SpectrogramCard } from './SpectrogramCard';
import { FORMANT_COLOUR, PITCH_COLOUR, type PaintedSpectrogram } from './spectrogramPainting';
import type { VoicePlayer } from './useVoicePlayer';

export interface VoiceNames {
  a: string;
  b: string;
}

export interface VoicePreviewPanelProps {
  preview: VoicePreview | null;
  timeline: VoiceSnapshot[];
  names: VoiceNames;
  encoder: 'shared' | 'separate';
  player: VoicePlayer;
  /** Whether the clone plays with A's melody moved into B's range (the network gives only the timbre), or as B's decoder made it. */
  keepMelody: boolean;
  onKeepMelody(keep: boolean): void;
  /** Sound for a picture: the real ones as synthesised, the others by Griffin–Lim in the worker. */
  soundOf(which: PreviewPicture, logMagnitude: Float32Array, length: number): Promise<Float32Array>;
  onError(error: unknown): void;
}

export function VoicePreviewPanel({ preview, timeline, names, encoder, player, keepMelody, onKeepMelody, soundOf, onError }: VoicePreviewPanelProps) {
  const [pin, setPin] = useState<{ step: number; origin: VoiceSnapshot } | null>(null);
  const pinnedStep = pin && pin.origin === timeline[0] ? pin.step : null;
  const shown = shownSnapshot(timeline, pinnedStep);
  const snapshot = !shown.live && shown.index >= 0 ? timeline[shown.index] : null;
  const [busy, setBusy] = useState<string | null>(null);

  const pictures = useMemo(() => {
    if (!preview) return null;
    const base = { frames: preview.frames, bins: preview.bins, sampleRate: preview.sampleRate };
    const rebuilt = snapshot && snapshot.rebuilt.length === preview.realA.length ? snapshot.rebuilt : preview.rebuiltA;
    const converted = snapshot && snapshot.converted.length === preview.realA.length ? snapshot.converted : preview.convertedAB;
    const pitchOf = (lm: Float32Array, live: Float32Array) => (lm === live ? null : measuredPitch(lm, preview.frameSize));
    const out: Record<PreviewPicture, PaintedSpectrogram> = {
      realA: { ...base, logMagnitude: preview.realA, formants: preview.formantsA, pitch: preview.pitch.realA },
      realB: { ...base, logMagnitude: preview.realB, formants: preview.formantsB, pitch: preview.pitch.realB },
      rebuiltA: { ...base, logMagnitude: rebuilt, formants: preview.formantsA, pitch: pitchOf(rebuilt, preview.rebuiltA) ?? preview.pitch.rebuiltA },
      convertedAB: { ...base, logMagnitude: converted, formants: preview.formantsB, pitch: pitchOf(converted, preview.convertedAB) ?? preview.pitch.convertedAB },
    };
    return out;
  }, [preview, snapshot]);

  const play = (which: PreviewPicture) => {
    if (!preview || !pictures) return;
    setBusy(which);
    soundOf(which, pictures[which].logMagnitude, preview.length)
      .then((samples) => player.play(which, samples, preview.sampleRate), onError)
      .finally(() => setBusy(null));
  };

  const step = snapshot ? `at step ${snapshot.step.toLocaleString('en-US')}` : 'now';
  const cards: { id: PreviewPicture; title: string; caption: string }[] = [
    { id: 'realA', title: `${names.a}, real`, caption: `The source voice, synthesised: what ${names.a} says.` },
    { id: 'realB', title: `${names.b}, real`, caption: `${names.b} saying exactly the same: what a perfect conversion would sound like.` },
    { id: 'rebuiltA', title: `${names.a} rebuilt`, caption: `${names.a}'s sound through the encoder and ${names.a}'s own decoder, ${step}.` },
    { id: 'convertedAB', title: `${names.a} → ${names.b}`, caption: `${names.a}'s code read by ${names.b}'s decoder, ${step}: the voice clone.` },
  ];
  return (
    <section className="panel plot-panel voice-preview" aria-labelledby="voice-preview-heading" data-main-view>
      <h2 id="voice-preview-heading" className="panel-title">Hear the clone</h2>
      <p className="panel-intro">
        {encoder === 'shared' ? 'One encoder' : `Here ${names.a} and ${names.b} each have their own encoder, which`} turns each slice of sound into a
        short code; each voice has its own decoder that rebuilds a slice from a code. Training only asks each decoder to rebuild its own voice.
        The clone is the trick at the end: {names.a}'s codes, read by {names.b}'s decoder.
      </p>
      <div className="spectrogram-grid">
        {cards.map((c) => (
          <SpectrogramCard key={c.id} {...c} picture={pictures?.[c.id] ?? null} onPlay={() => play(c.id)} playing={player.playing === c.id}
            busy={busy === c.id} played={player.played[c.id]} />
        ))}
      </div>
      <div className="field field-checkbox keep-melody">
        <input type="checkbox" id="voice-keep-melody" checked={keepMelody} aria-describedby="voice-keep-melody-help" data-testid="keep-melody"
          onChange={(e) => onKeepMelody(e.target.checked)} />
        <label htmlFor="voice-keep-melody">Keep {names.a}'s melody</label>
        <p className="field-help" id="voice-keep-melody-help">
          {keepMelody
            ? `Source and filter split: the network supplies ${names.b}'s timbre, and the melody is carried over from ${names.a} and moved into ${names.b}'s pitch range (the picture still shows the decoder's own pitch).`
            : `The clone plays just as ${names.b}'s decoder made it, melody included; tick to keep only the network's timbre and carry ${names.a}'s melody over, moved into ${names.b}'s pitch range.`}
        </p>
      </div>
      <p className="spectrogram-legend">
        <span className="legend-swatch" style={{ borderColor: FORMANT_COLOUR }} aria-hidden="true" /> dashed lines: the synthesiser's formants F1–F3 for
        these words ({names.a}'s over {names.a}'s pictures; {names.b}'s over {names.b}'s and over the clone, where a perfect clone puts them);{' '}
        <span className="legend-dot" style={{ background: PITCH_COLOUR }} aria-hidden="true" /> dots: the pitch measured from each picture (cepstrum).
        Colour: loudness, dark quiet to bright loud; height: frequency up to 5 kHz.
      </p>
      <TrainingTimeline subject="the rebuilt and the converted voice" steps={timeline.map((s) => s.step)} index={shown.index} live={shown.live}
        onPin={(s) => setPin(s === null || timeline.length === 0 ? null : { step: s, origin: timeline[0] })} />
    </section>
  );
}
