/** What a diffusion model learns to predict, and its noise schedules: shared by the 2D denoiser and the digit U-Net. */

/**
 * What the network learns to predict. `epsilon`: the noise that was added (Ho et al. 2020,
 * DDPM, the "simple" loss). `velocity`: the velocity of the straight path from data to noise
 * (Lipman et al. 2023, flow matching with the conditional optimal-transport path).
 */
export const DIFFUSION_OBJECTIVES = ['epsilon', 'velocity'] as const;
export type DiffusionObjective = (typeof DIFFUSION_OBJECTIVES)[number];

/** β_t rising linearly (Ho et al. 2020), or ᾱ_t following a squared cosine (Nichol & Dhariwal 2021). */
export const NOISE_SCHEDULES = ['linear', 'cosine'] as const;
export type NoiseScheduleKind = (typeof NOISE_SCHEDULES)[number];
