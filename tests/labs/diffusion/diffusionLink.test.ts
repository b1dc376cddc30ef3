import { describe, expect, it } from 'vitest';
import { DEFAULT_DIFFUSION_SETTINGS, cloneDiffusionSettings } from '../../../src/core/diffusion/diffusionSettings';
import { DEFAULT_SAMPLING_VIEW } from '../../../src/protocol/diffusion/diffusionProtocol';
import { encodeDiffusionLink, readDiffusionLink } from '../../../src/labs/diffusion/diffusionLink';

describe('the diffusion lab link', () => {
  it('carries the switch to sample with the weights\' average, and only when it is on', () => {
    const settings = { ...cloneDiffusionSettings(DEFAULT_DIFFUSION_SETTINGS), ema: true, seed: 4 };
    const query = encodeDiffusionLink(settings, DEFAULT_SAMPLING_VIEW);
    expect(query).toMatch(/(^|&)ema=/);
    const read = readDiffusionLink(query);
    expect(read.notices).toEqual([]);
    expect(read.settings.ema).toBe(true);
    expect(read.settings.seed).toBe(4);
    expect(encodeDiffusionLink(cloneDiffusionSettings(DEFAULT_DIFFUSION_SETTINGS), DEFAULT_SAMPLING_VIEW)).not.toMatch(/ema=/);
    expect(readDiffusionLink('').settings.ema).toBe(false);
  });

  it('names a switch value it cannot read, and keeps the rest', () => {
    const read = readDiffusionLink('ema=maybe&seed=3');
    expect(read.notices.join(' ')).toContain('ema');
    expect(read.settings.ema).toBe(false);
    expect(read.settings.seed).toBe(3);
  });
});
