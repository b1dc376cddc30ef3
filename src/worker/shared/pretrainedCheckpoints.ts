/**
 * Fetches and decodes the shipped pretrained digit GANs by id, once each: the
 * worker gives it the files' URLs (Vite `?url` imports, served by the app
 * itself) and its fetch; Node tests give it the files on disk.
 */
import { decodeDigitCheckpoint, type DigitCheckpoint } from '../../core/mnist/digitCheckpoint';
import { PRETRAINED_IDS } from '../../core/mnist/pretrainedDigitGans';
import type { FetchBytes } from './fetchBytes';
import { loadOnce } from './loadOnce';

export class PretrainedCheckpoints {
  private readonly loaded = new Map<string, Promise<DigitCheckpoint>>();

  constructor(
    private readonly urls: Readonly<Record<string, string>>,
    private readonly fetchBytes: FetchBytes,
  ) {}

  /** The decoded, fully checked checkpoint; rejects with the reason (unknown id, server error, bad file). */
  get(id: string): Promise<DigitCheckpoint> {
    const url = Object.hasOwn(this.urls, id) ? this.urls[id] : undefined;
    if (!url) return Promise.reject(new Error(`There is no pretrained model called "${id}"; the app ships ${PRETRAINED_IDS.map((i) => `"${i}"`).join(', ')}.`));
    return loadOnce(this.loaded, id, () => this.fetchBytes(url, `the pretrained model "${id}"`).then(decodeDigitCheckpoint));
  }
}
