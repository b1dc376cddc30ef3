/**
 * The colours the labs use to tell things apart, in one place so that one test
 * (tests/labs/shared/colourVision.test.ts) can check every pair that must stay
 * distinct under protanopia, deuteranopia and tritanopia. The adversarial lab's
 * plot colours (real, fake and drawn points, the verdict scale) live beside its
 * renderer in adversarial/views/verdictColors.ts and are checked by the same test.
 */

/**
 * Okabe–Ito colours for the GAN curves shared by the 2D and digit labs. Real is a darker
 * bluish green than Okabe–Ito's #009E73: beside reddish purple that pair fell to ΔE76 17.9
 * for deuteranopes; the lightness gap brings it to 23.
 */
export const GAN_COLORS = { d: '#0072B2', g: '#D55E00', real: '#007F5C', fake: '#CC79A7' } as const;

/** The adversarial lab's single-series distance charts (Okabe–Ito, as GAN_COLORS). */
export const DISTANCE_COLORS = { kl: '#E69F00', js: '#56B4E9', other: '#000000' } as const;

/** The face-swap lab's two sides: A blue, B orange. faceswap.css repeats them as --side-a and --side-b. */
export const SWAP_SIDE_COLORS = { a: '#0b5cad', b: '#a84f00' } as const;
