import { describe, expect, it } from 'vitest';
import { DEFAULT_FACE_SWAP_SETTINGS } from '../../../src/core/autoencoder/faceSwapSettings';
import { parseHashRoute } from '../../../src/labs/shared/hashRoute';
import { fileStartChoice } from '../../../src/labs/shared/startChoices';
import { SWAP_LAB_PATH, readSwapLink, swapLinkHash, swapLinkLeftOut } from '../../../src/labs/faceswap/swapLink';
import { DEFAULT_SWAP_START, SCRATCH_START, SWAP_START_CHOICES } from '../../../src/labs/faceswap/swapStartChoices';

describe('the face-swap link on the page', () => {
  it('opens the lab\'s default start with its own settings, with a bare #/faceswap', () => {
    const state = readSwapLink('');
    expect(state.start).toBe(DEFAULT_SWAP_START);
    expect(state.settings).toEqual(DEFAULT_SWAP_START.settings ?? DEFAULT_FACE_SWAP_SETTINGS);
    expect(state.notices).toEqual([]);
    expect(swapLinkHash(state.settings, state.start)).toBe('#/faceswap');
  });

  it('round-trips every start this build offers through the hash, with a changed seed', () => {
    for (const choice of SWAP_START_CHOICES) {
      const settings = { ...(choice.settings ?? DEFAULT_FACE_SWAP_SETTINGS), seed: 21 };
      const route = parseHashRoute(swapLinkHash(settings, choice));
      expect(route.path).toBe(SWAP_LAB_PATH);
      const state = readSwapLink(route.query);
      expect(state.start).toBe(choice);
      expect(state.settings).toEqual(settings);
      expect(state.notices).toEqual([]);
    }
  });

  it('writes a loaded file as a start from scratch, and says in the share box that the file stays behind', () => {
    const file = fileStartChoice({ kind: 'file', name: 'swap.weights', bytes: new Uint8Array(1) }, DEFAULT_FACE_SWAP_SETTINGS);
    const state = readSwapLink(parseHashRoute(swapLinkHash(DEFAULT_FACE_SWAP_SETTINGS, file)).query);
    expect(state.start).toBe(SCRATCH_START);
    expect(state.settings).toEqual(DEFAULT_FACE_SWAP_SETTINGS);
    expect(swapLinkLeftOut(file)).toContain('"swap.weights" is not part of the link');
    expect(swapLinkLeftOut(SCRATCH_START)).toBeNull();
  });

  it('names a bad parameter in a notice and keeps the rest', () => {
    const state = readSwapLink('start=scratch&ssim=lots&seed=6');
    expect(state.notices).toHaveLength(1);
    expect(state.notices[0]).toContain('ssim');
    expect(state.settings).toEqual({ ...DEFAULT_FACE_SWAP_SETTINGS, seed: 6 });
  });
});
