/** The voice lab's settings sections: the voices, the model (with the encoder switch), and training. */
import { TOY_VOICES } from '../../core/voice/toyVoices';
import { FRAME_SIZES, VOICE_LIMITS, type VoiceConversionSettings, type VoiceEncoderMode, type Normalisation } from '../../core/voice/voiceConversionSettings';
import { NumberField, SelectField, optionsOf } from '../shared/formFields';
import type { SettingsSection } from '../shared/ImageLabControls';

interface FieldsProps {
  settings: VoiceConversionSettings;
  onEdit(next: VoiceConversionSettings): void;
}

const VOICE_LABELS = Object.fromEntries(TOY_VOICES.map((v) => [v.id, `${v.name}: ${v.description}`])) as Record<string, string>;
const ENCODER_LABELS: Record<VoiceEncoderMode, string> = { shared: 'One shared encoder', separate: 'Separate encoders (one per voice)' };
const NORMALISATION_LABELS: Record<Normalisation, string> = { perVoice: 'Per voice (each voice\'s own average)', pooled: 'Pooled (both voices together)' };
const FRAME_LABELS = Object.fromEntries(FRAME_SIZES.map((n) => [String(n), `${n} samples (${(n / 16).toFixed(0)} ms)`])) as Record<string, string>;
const L = VOICE_LIMITS;

function VoicesFields({ settings, onEdit }: FieldsProps) {
  return (
    <>
      <SelectField label="Source voice" value={settings.voiceA} options={optionsOf(VOICE_LABELS)} testId="voice-a"
        help="The invented voice whose words are converted (every voice here is synthesised; none is a real person's)."
        onChange={(voiceA) => onEdit({ ...settings, voiceA })} />
      <SelectField label="Target voice" value={settings.voiceB} options={optionsOf(VOICE_LABELS)} testId="voice-b"
        help="The invented voice the clone should sound like."
        onChange={(voiceB) => onEdit({ ...settings, voiceB })} />
      <NumberField label="Utterances per voice" value={settings.utterancesPerVoice} {...L.utterancesPerVoice} integer testId="utterances"
        help="How many short vowel sequences (about a second each) of each voice are synthesised to train on."
        onChange={(utterancesPerVoice) => onEdit({ ...settings, utterancesPerVoice })} />
    </>
  );
}

function ModelFields({ settings, onEdit }: FieldsProps) {
  return (
    <>
      <SelectField label="Encoder" value={settings.encoder} options={optionsOf(ENCODER_LABELS)} testId="encoder"
        help="Shared: both voices are coded in one common language, so either decoder reads either voice. Separate: the ablation, where conversion fails."
        onChange={(encoder) => onEdit({ ...settings, encoder })} />
      <NumberField label="Code size" value={settings.codeSize} {...L.codeSize} integer testId="code-size"
        help="Numbers per slice of sound between encoder and decoder: narrow enough to keep what is said but drop who says it."
        onChange={(codeSize) => onEdit({ ...settings, codeSize })} />
      <NumberField label="Hidden units" value={settings.hiddenSize} {...L.hiddenSize} integer testId="hidden"
        help="Units in each of the two hidden layers of the encoder and of each decoder."
        onChange={(hiddenSize) => onEdit({ ...settings, hiddenSize })} />
      <NumberField label="Context frames" value={settings.contextFrames} {...L.contextFrames} integer step={2} testId="context"
        help="Spectrogram slices the encoder hears at once, centred on the one rebuilt (an odd number)."
        onChange={(contextFrames) => onEdit({ ...settings, contextFrames })} />
      <SelectField label="Frame" value={String(settings.frameSize)} options={optionsOf(FRAME_LABELS)} testId="frame"
        help="Length of each spectrogram slice: 512 samples is long enough to resolve a low voice's harmonics."
        onChange={(frame) => onEdit({ ...settings, frameSize: Number(frame) })} />
      <SelectField label="Normalisation" value={settings.normalisation} options={optionsOf(NORMALISATION_LABELS)} testId="normalisation"
        help="Per voice takes each voice's average spectrum off before encoding and puts the target's back after decoding; pooled does not, and the vowels then get lost."
        onChange={(normalisation) => onEdit({ ...settings, normalisation })} />
    </>
  );
}

function TrainingFields({ settings, onEdit }: FieldsProps) {
  return (
    <>
      <NumberField label="Frequency warp" value={settings.warp} {...L.warp} step={0.05} testId="warp"
        help="Stretches each training slice's spectrum at random by up to this much, like a longer or shorter vocal tract (the voice lab's random warp)."
        onChange={(warp) => onEdit({ ...settings, warp })} />
      <NumberField label="Batch size" value={settings.batchSize} {...L.batchSize} integer testId="batch"
        help="Slices of each voice learned from in each step."
        onChange={(batchSize) => onEdit({ ...settings, batchSize })} />
      <NumberField label="Learning rate" value={settings.learningRate} {...L.learningRate} step="any" testId="learning-rate"
        help="Adam's step size: too high and the loss jumps about, too low and learning crawls."
        onChange={(learningRate) => onEdit({ ...settings, learningRate })} />
      <NumberField label="Seed" value={settings.seed} {...L.seed} integer testId="seed"
        help="Fixes the training utterances, the starting weights and the batches, so a run can be repeated exactly."
        onChange={(seed) => onEdit({ ...settings, seed })} />
    </>
  );
}

export const VOICE_SECTIONS: readonly SettingsSection<VoiceConversionSettings>[] = [
  { title: 'Voices', intro: 'Who is converted into whom.', Fields: VoicesFields },
  { title: 'Model', intro: 'An encoder and a decoder per voice, on spectrogram slices.', Fields: ModelFields },
  { title: 'Training', intro: 'How each training step is taken.', Fields: TrainingFields },
];
