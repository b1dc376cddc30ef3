/**
 * Where a voice-lab run starts: from random weights, or from a pretrained model this build
 * ships (shippedVoiceFiles.ts). The default is the pretrained Juno → Orbo model when it ships,
 * so the page converts a voice the moment it opens; from scratch otherwise.
 */
import type { VoiceConversionSettings } from '../../core/voice/voiceConversionSettings';
import { SHIPPED_VOICE_MODELS } from '../../protocol/voice/shippedVoiceFiles';
import { scratchChoice, type StartChoice } from '../shared/startChoices';

export type VoiceStartChoice = StartChoice<VoiceConversionSettings>;

export const VOICE_SCRATCH_START: VoiceStartChoice = scratchChoice(
  'Random weights from the seed: the decoders first hum a blur, and the vowels\' formants appear within a minute of training.',
);

export const VOICE_START_CHOICES: readonly VoiceStartChoice[] = [
  VOICE_SCRATCH_START,
  ...SHIPPED_VOICE_MODELS.map((m): VoiceStartChoice => ({ id: m.id, label: m.label, help: m.help, request: { kind: 'pretrained', id: m.id }, settings: { ...m.settings } })),
];

export const DEFAULT_VOICE_START: VoiceStartChoice = VOICE_START_CHOICES.find((c) => c.id === 'juno-orbo') ?? VOICE_SCRATCH_START;
