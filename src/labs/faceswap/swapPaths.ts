/**
 * The four ways a picture can travel through the face-swap networks: into the
 * encoder as A or B, out of decoder A or B. Two rebuild their own input, two
 * are the swap. The diagram, the preview grid and the puppet share these
 * words, so a highlighted path and a grid header always say the same thing.
 */
import type { Side } from '../../core/autoencoder/sharedEncoderAutoencoder';
import type { SwapDatasetKind } from '../../core/autoencoder/faceSwapSettings';

export type SwapPath = 'aToA' | 'aToB' | 'bToB' | 'bToA';
export const SWAP_PATHS: readonly SwapPath[] = ['aToA', 'aToB', 'bToB', 'bToA'];

export interface SwapNames {
  a: string;
  b: string;
}

export const pathSource = (path: SwapPath): Side => (path[0] === 'a' ? 'a' : 'b');
export const pathDecoder = (path: SwapPath): Side => (path.endsWith('A') ? 'a' : 'b');
export const isSwap = (path: SwapPath): boolean => pathSource(path) !== pathDecoder(path);
export const otherSide = (side: Side): Side => (side === 'a' ? 'b' : 'a');

/** The path that starts with a picture of `source` and ends in `decoder`. */
export function swapPath(source: Side, decoder: Side): SwapPath {
  return `${source}To${decoder.toUpperCase()}` as SwapPath;
}

/** Header of an input row: "Juno (real)". */
export const realLabel = (side: Side, names: SwapNames): string => `${names[side]} (real)`;

/** Header of an output row: "rebuilt by decoder Juno" or "swapped: decoder Orbo". */
export function outputLabel(path: SwapPath, names: SwapNames): string {
  const decoder = names[pathDecoder(path)];
  return isSwap(path) ? `swapped: decoder ${decoder}` : `rebuilt by decoder ${decoder}`;
}

/** One sentence naming every stage of the path, for screen readers and tooltips. */
export function describePath(path: SwapPath, names: SwapNames, encoder: 'shared' | 'separate', sharedContent = 'expression and pose'): string {
  const source = names[pathSource(path)];
  const decoder = names[pathDecoder(path)];
  const through = encoder === 'shared' ? 'the shared encoder' : `encoder ${source}`;
  const start = `A picture of ${source} goes through ${through}, becomes a code, and decoder ${decoder} draws it`;
  if (!isSwap(path)) return `${start}: ${source} rebuilt.`;
  const warning = encoder === 'separate' ? ` Decoder ${decoder} never saw a code from encoder ${source} while training.` : '';
  return `${start} as ${decoder}: the swap, ${decoder}'s look with the ${sharedContent} of ${source}'s picture.${warning}`;
}

/** What the two identities share, the content a swap should carry over, in a few words. */
export function sharedContentOf(dataset: SwapDatasetKind): string {
  return dataset === 'toyFaces' ? 'expression and pose' : 'digit and slant';
}
