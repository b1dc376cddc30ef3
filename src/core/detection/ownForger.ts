/**
 * The learner's own forger: a model file saved by the digit forger (the digit GAN checkpoint
 * format, core/mnist/digitCheckpoint.ts), read so the detection lab can draw fakes from it like
 * from a shipped generator. Anything else is refused with a reason a learner can act on: a
 * picture, a text file, another lab's model, a truncated or corrupted file.
 */
import { DIGIT_CHECKPOINT_FORMAT, decodeDigitCheckpoint, describeArchitecture, type DigitCheckpoint } from '../mnist/digitCheckpoint';
import { decodeWeightsBundle } from '../shared/weightsBundle';

/** The largest digit forger saves about 25 MB; a file far bigger is not one. */
export const MAX_OWN_FORGER_BYTES = 64 * 1024 * 1024;
export const MAX_OWN_FORGER_NAME = 200;

export class OwnForgerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OwnForgerError';
  }
}

/** What the page shows of a loaded forger. */
export interface OwnForgerSummary {
  /** The file's name (or the name it was kept under). */
  name: string;
  /** "unconditional MLP GAN, latent 64, widths G 128 / D 128". */
  architecture: string;
  conditional: boolean;
  /** Generator steps it had trained when saved. */
  steps: number;
  /** Its Inception Score when saved, by the project's digit classifier (NaN when not measured). */
  inceptionScore: number;
}

export interface OwnForger {
  checkpoint: DigitCheckpoint;
  summary: OwnForgerSummary;
}

/** Other files of this app, by what their header says they hold. */
const OTHER_FORMATS: [prefix: string, what: string][] = [
  ['deepfake-lab/face-swap-judges', "the face-swap lab's judges"],
  ['deepfake-lab/face-swap-identity-classifier', "the face-swap lab's identity classifier"],
  ['deepfake-lab/face-swap-factor-regressor', "the face-swap lab's expression reader"],
  ['deepfake-lab/face-swap', 'a face-swap model'],
  ['deepfake-lab/voice', 'a voice conversion model'],
  ['deepfake-lab/digit-diffusion', "the diffusion lab's digit model"],
  ['deepfake-lab/diffusion', 'a diffusion model'],
  ['deepfake-lab/digit-classifier', "the app's digit classifier"],
  ['deepfake-lab/adversarial', "a model from the adversarial lab's 2D plane"],
];

const startsWith = (bytes: Uint8Array, signature: readonly number[]) => signature.every((b, i) => bytes[i] === b);

/** What a file that is no weights file at all looks like, from its first bytes, or null. */
function foreignKind(bytes: Uint8Array): string | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47])) return 'a PNG picture';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'a JPEG picture';
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38])) return 'a GIF picture';
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46])) return 'a RIFF file (a WAV sound or WebP picture)';
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) return 'a PDF document';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'a ZIP archive';
  const first = bytes.subarray(0, 64).find((b) => b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09);
  if (first === 0x7b || first === 0x5b) return 'a JSON text file';
  return null;
}

/** A decoder's message as the end of our sentence: "The weights file is unusable: …." → "the weights file is unusable: …". */
function reasonOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text.charAt(0).toLowerCase() + text.slice(1)).replace(/\.$/, '');
}

const HOW_TO_GET_ONE = 'save one in the digit forger with "Save this model" (a .weights file), or keep it there for this lab';

/**
 * Reads a digit forger's model file. Throws an OwnForgerError naming the file and the reason
 * when it is not one (nothing else happens then).
 */
export function readOwnForger(name: string, bytes: Uint8Array): OwnForger {
  if (typeof name !== 'string' || name.trim() === '') throw new OwnForgerError('A forger needs a name (the file name) to be shown under.');
  const shown = name.length > MAX_OWN_FORGER_NAME ? `${name.slice(0, MAX_OWN_FORGER_NAME - 1)}…` : name;
  const refuse = (why: string): never => {
    throw new OwnForgerError(`"${shown}" cannot be used as your own forger: ${why}.`);
  };
  if (!(bytes instanceof Uint8Array)) return refuse("its contents did not arrive as a file's bytes");
  if (bytes.length === 0) refuse(`the file is empty; ${HOW_TO_GET_ONE}`);
  if (bytes.length > MAX_OWN_FORGER_BYTES) refuse(`it is ${Math.round(bytes.length / 2 ** 20)} MB, far more than any digit forger saves (at most ${MAX_OWN_FORGER_BYTES / 2 ** 20} MB)`);
  const foreign = foreignKind(bytes);
  if (foreign) refuse(`it is ${foreign}, not a digit forger's model; ${HOW_TO_GET_ONE}`);
  let format: string;
  try {
    format = decodeWeightsBundle(bytes).format;
  } catch (error) {
    return refuse(reasonOf(error));
  }
  if (format !== DIGIT_CHECKPOINT_FORMAT) {
    const other = OTHER_FORMATS.find(([prefix]) => format.startsWith(prefix));
    refuse(`it holds ${other ? other[1] : 'another kind of model'} ("${format}"), not a digit forger's ("${DIGIT_CHECKPOINT_FORMAT}")`);
  }
  let checkpoint: DigitCheckpoint;
  try {
    checkpoint = decodeDigitCheckpoint(bytes);
  } catch (error) {
    return refuse(reasonOf(error));
  }
  const { settings, figures } = checkpoint;
  return {
    checkpoint,
    summary: {
      name: shown,
      architecture: describeArchitecture(settings),
      conditional: settings.conditional,
      steps: figures.steps,
      inceptionScore: figures.inceptionScore,
    },
  };
}
