/**
 * Which of the voice lab's pretrained models this build ships (models/voice-*.weights, trained by
 * models/trainVoice.ts), and their URLs. A glob finds the files that exist, so the lab still works
 * from scratch without them. Only URLs are bundled; the worker fetches a file on first use, from
 * the app's own origin.
 */
import { PRETRAINED_VOICE_MODELS, type PretrainedVoiceModel } from '../../core/voice/pretrainedVoices';

const FILES = import.meta.glob<string>('../../../models/voice-*.weights', { query: '?url', import: 'default', eager: true });

export function shippedVoiceFileUrl(name: string): string | null {
  return FILES[`../../../models/${name}`] ?? null;
}

/** The pretrained models whose files this build ships, in PRETRAINED_VOICE_MODELS order. */
export const SHIPPED_VOICE_MODELS: readonly PretrainedVoiceModel[] = PRETRAINED_VOICE_MODELS.filter((m) => shippedVoiceFileUrl(m.file) !== null);

export function shippedVoiceUrls(): Record<string, string> {
  return Object.fromEntries(SHIPPED_VOICE_MODELS.map((m) => [m.id, shippedVoiceFileUrl(m.file)!]));
}
