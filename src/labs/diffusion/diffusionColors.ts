/**
 * The diffusion lab's colours: real points and the model's particles as in the other 2D lab
 * (shared/palettes.ts, checked under colour-vision deficiencies), and Okabe–Ito colours for
 * the schedule's lines.
 */
import { DISTANCE_COLORS, GAN_COLORS } from '../shared/palettes';

export const POINT_COLORS = { real: GAN_COLORS.real, particle: GAN_COLORS.fake, field: '#4d4d4d', origin: '#b8bec7' } as const;

export const SCHEDULE_COLORS = { signal: GAN_COLORS.real, noise: DISTANCE_COLORS.kl, alphaBar: GAN_COLORS.d } as const;

export const CURVE_COLORS = { loss: DISTANCE_COLORS.js, smoothed: GAN_COLORS.d, modes: GAN_COLORS.real, rate: GAN_COLORS.g } as const;
