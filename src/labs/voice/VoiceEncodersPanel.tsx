/**
 * The ablation: one shared encoder, or one encoder per voice. A switch loads the other kind of
 * model (the shipped one when the build has it, else a fresh run), and the text says why the
 * clone needs the encoder shared.
 */
import type { VoiceNames } from './VoicePreviewPanel';

export interface VoiceEncodersPanelProps {
  encoder: 'shared' | 'separate';
  names: VoiceNames;
  disabled: boolean;
  /** Whether a trained model of the other kind ships (then the switch loads it; else it starts from scratch). */
  otherShips: boolean;
  onSwitch(encoder: 'shared' | 'separate'): void;
}

export function VoiceEncodersPanel({ encoder, names, disabled, otherShips, onSwitch }: VoiceEncodersPanelProps) {
  const other = encoder === 'shared' ? 'separate' : 'shared';
  return (
    <section className="panel voice-encoders" aria-labelledby="voice-encoders-heading">
      <h2 id="voice-encoders-heading" className="panel-title">Why the encoder must be shared</h2>
      <div className="field field-checkbox encoder-switch">
        <input type="checkbox" id="voice-separate-encoders" checked={encoder === 'separate'} disabled={disabled}
          aria-describedby="voice-separate-encoders-help" data-testid="separate-encoders" onChange={() => onSwitch(other)} />
        <label htmlFor="voice-separate-encoders">Separate encoders (one per voice)</label>
        <p className="field-help" id="voice-separate-encoders-help">
          {otherShips
            ? `Switches to the ${other === 'separate' ? 'separate-encoder' : 'shared-encoder'} model trained in advance, so you can compare the two at once.`
            : `Starts a ${other === 'separate' ? 'separate-encoder' : 'shared-encoder'} model from scratch: press Play and compare after a minute.`}
        </p>
      </div>
      <p>
        Each decoder learns to rebuild only its own voice, from codes made by an encoder. With <strong>one shared encoder</strong>, {names.a}'s
        and {names.b}'s sounds are coded in one common language: the narrow code (only a few numbers per slice) has room for <em>what</em> is
        said — which vowel, how loud — but not for <em>who</em> says it, which each decoder adds back. So {names.b}'s decoder can read {names.a}'s codes.
      </p>
      <p>
        With <strong>separate encoders</strong>, each voice invents its own private code. Both voices still rebuild themselves well (the
        rebuilt picture looks fine), but {names.b}'s decoder has never seen a code from {names.a}'s encoder, so the conversion comes out a blur
        of the wrong vowels. In measurements on held-out utterances the shared model kept nearly all of {names.a}'s vowels in {names.b}'s voice;
        the separate one almost none.
      </p>
    </section>
  );
}
