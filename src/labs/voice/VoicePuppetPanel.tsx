/**
 * Puppet mode: three sliders make Juno hold a vowel at a chosen pitch and breathiness; the model
 * converts it at once and Orbo says the same. Both sides can be played.
 */
import { useEffect, useId, useState } from 'react';
import { VOWELS, type Vowel } from '../../core/voice/toyVoices';
import { PUPPET_LIMITS, type PuppetVoice } from '../../core/voice/voicePreview';
import type { PuppetSpeech } from '../../protocol/voice/voiceProtocol';
import { SpectrogramCard } from './SpectrogramCard';
import type { VoiceNames } from './VoicePreviewPanel';
import type { VoicePlayer } from './useVoicePlayer';

const VOWEL_WORDS: Record<Vowel, string> = { a: '/a/ as in "father"', i: '/i/ as in "see"', u: '/u/ as in "boot"' };

export interface VoicePuppetPanelProps {
  ready: boolean;
  names: VoiceNames;
  /** Changes when the weights may have changed, so the puppet asks again. */
  version: string;
  puppet(voice: PuppetVoice): Promise<PuppetSpeech>;
  player: VoicePlayer;
  onError(error: unknown): void;
}

function Slider({ label, help, value, min, max, step, text, onChange, testId }: {
  label: string; help: string; value: number; min: number; max: number; step: number; text: string; onChange(v: number): void; testId: string;
}) {
  const id = useId();
  return (
    <div className="field puppet-slider">
      <label htmlFor={id}>{label} <output htmlFor={id}>{text}</output></label>
      <input id={id} type="range" min={min} max={max} step={step} value={value} aria-valuetext={text} aria-describedby={`${id}-help`}
        data-testid={testId} onChange={(e) => onChange(Number(e.target.value))} />
      <p className="field-help" id={`${id}-help`}>{help}</p>
    </div>
  );
}

export function VoicePuppetPanel({ ready, names, version, puppet, player, onError }: VoicePuppetPanelProps) {
  const [voice, setVoice] = useState<PuppetVoice>({ pitch: 0, vowel: 'a', breathiness: 0.25 });
  const [speech, setSpeech] = useState<PuppetSpeech | null>(null);
  useEffect(() => {
    if (!ready) return;
    let current = true;
    const timer = setTimeout(() => {
      puppet(voice).then((s) => { if (current) setSpeech(s); }, (e) => { if (current) onError(e); });
    }, 120);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [ready, voice, version, puppet, onError]);
  const base = speech && { frames: speech.frames, bins: speech.bins, sampleRate: speech.sampleRate };
  return (
    <section className="panel voice-puppet" aria-labelledby="voice-puppet-heading">
      <h2 id="voice-puppet-heading" className="panel-title">Puppet: {names.a} speaks, {names.b} follows</h2>
      <p className="panel-intro">
        Move {names.a}'s sliders: the model converts the new sound at once, and {names.b} says the same vowel at {names.b}'s own pitch.
      </p>
      <div className="puppet-layout">
        <div className="puppet-sliders">
          <Slider label="Vowel" testId="puppet-vowel" value={VOWELS.indexOf(voice.vowel)} min={0} max={VOWELS.length - 1} step={1}
            text={VOWEL_WORDS[voice.vowel]} help={`Which vowel ${names.a} holds: it sets where the formants sit, which ${names.b} should keep.`}
            onChange={(i) => setVoice({ ...voice, vowel: VOWELS[i] })} />
          <Slider label="Pitch" testId="puppet-pitch" value={voice.pitch} {...PUPPET_LIMITS.pitch} step={1}
            text={`${voice.pitch > 0 ? '+' : ''}${voice.pitch} semitones`} help={`How far above or below ${names.a}'s usual pitch: ${names.b}'s decoder gives its own pitch whatever you choose.`}
            onChange={(pitch) => setVoice({ ...voice, pitch })} />
          <Slider label="Breathiness" testId="puppet-breathiness" value={voice.breathiness} {...PUPPET_LIMITS.breathiness} step={0.05}
            text={`${Math.round(100 * voice.breathiness)}% noise`} help="The share of hiss in the voice, from a clean buzz to a whisper; the model never heard a whisper, so watch it struggle."
            onChange={(breathiness) => setVoice({ ...voice, breathiness })} />
        </div>
        <div className="puppet-pictures">
          <SpectrogramCard id="puppet-source" title={`${names.a} (puppet)`} caption="Synthesised from the sliders."
            picture={speech && base ? { ...base, logMagnitude: speech.source, formants: speech.formantsA, pitch: speech.pitch.source } : null}
            onPlay={() => speech && player.play('puppet-source', speech.sourceSound, speech.sampleRate)} playing={player.playing === 'puppet-source'}
            busy={false} played={player.played['puppet-source']} />
          <SpectrogramCard id="puppet-converted" title={`${names.b} says the same`} caption={`${names.a}'s code read by ${names.b}'s decoder.`}
            picture={speech && base ? { ...base, logMagnitude: speech.converted, formants: speech.formantsB, pitch: speech.pitch.converted } : null}
            onPlay={() => speech && player.play('puppet-converted', speech.convertedSound, speech.sampleRate)} playing={player.playing === 'puppet-converted'}
            busy={false} played={player.played['puppet-converted']} />
        </div>
      </div>
    </section>
  );
}
