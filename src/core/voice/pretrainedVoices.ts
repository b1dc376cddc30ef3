/**
 * The voice models the app ships: which file, what the learner is told, the settings they were
 * trained with. Apart from the checkpoint format (voiceCheckpoint.ts) and its TF.js, so the page
 * and its links can name them without loading TF.js.
 */
import { DEFAULT_VOICE_CONVERSION_SETTINGS, type VoiceConversionSettings } from './voiceConversionSettings';

/** A model the app ships, trained by models/trainVoice.ts. */
export interface PretrainedVoiceModel {
  id: string;
  /** File name under models/. */
  file: string;
  label: string;
  /** One sentence beside the choice. */
  help: string;
  settings: VoiceConversionSettings;
  /** Training steps the script takes. */
  steps: number;
}

export const PRETRAINED_VOICE_MODELS: readonly PretrainedVoiceModel[] = [
  {
    id: 'juno-orbo',
    file: 'voice-juno-orbo.weights',
    label: 'Juno → Orbo, trained in advance',
    help: 'One shared encoder and a decoder per voice, trained for a few minutes before the app shipped: it already turns Juno into Orbo.',
    settings: { ...DEFAULT_VOICE_CONVERSION_SETTINGS },
    steps: 3000,
  },
  {
    id: 'juno-orbo-separate',
    file: 'voice-juno-orbo-separate.weights',
    label: 'Juno → Orbo with separate encoders',
    help: 'The same training with an encoder per voice: each voice rebuilds itself well, but the conversion fails.',
    settings: { ...DEFAULT_VOICE_CONVERSION_SETTINGS, encoder: 'separate' },
    steps: 800,
  },
];

export function findPretrainedVoice(id: string): PretrainedVoiceModel | undefined {
  return PRETRAINED_VOICE_MODELS.find((m) => m.id === id);
}
