/**
 * The face-swap lab's shipped files, fetched and decoded once each: the judges
 * (models/faceSwapJudges-*.weights), the digit classifier the digit-style judges
 * borrow (models/digitClassifier.weights) and the pretrained models
 * (models/faceSwap-*.weights). The worker gives it the files' URLs (Vite `?url`
 * imports, served by the app itself) and its fetch; Node tests give it the files
 * on disk. A failed fetch or a bad file is not cached: the next call tries again.
 */
import { CLASSIFIER_FORMAT, DigitClassifier } from '../../core/mnist/digitClassifier';
import { decodeFaceSwapCheckpoint, type FaceSwapCheckpoint } from '../../core/faceswap/faceSwapCheckpoint';
import type { SwapDatasetKind } from '../../core/autoencoder/faceSwapSettings';
import { decodeSwapJudges, type SwapJudges } from '../../core/faceswap/swapJudges';
import { decodeWeightsBundle } from '../../core/shared/weightsBundle';
import type { FetchBytes } from '../shared/fetchBytes';
import { loadOnce } from '../shared/loadOnce';

export interface FaceSwapAssetUrls {
  judges: Record<SwapDatasetKind, string>;
  digitClassifier: string;
  /** Pretrained model id → URL. */
  pretrained: Readonly<Record<string, string>>;
}

export class FaceSwapAssets {
  private readonly judgeCache = new Map<string, Promise<SwapJudges>>();
  private readonly classifierCache = new Map<string, Promise<DigitClassifier>>();
  private readonly pretrainedCache = new Map<string, Promise<FaceSwapCheckpoint>>();

  constructor(
    private readonly urls: FaceSwapAssetUrls,
    private readonly fetchBytes: FetchBytes,
  ) {}

  private digitClassifier(): Promise<DigitClassifier> {
    return loadOnce(this.classifierCache, 'digits', async () =>
      DigitClassifier.fromBundle(decodeWeightsBundle(await this.fetchBytes(this.urls.digitClassifier, 'the digit classifier'), CLASSIFIER_FORMAT)),
    );
  }

  /** The judges of a dataset, decoded once (shared: do not dispose them; dispose() the assets instead). */
  judges(kind: SwapDatasetKind): Promise<SwapJudges> {
    const url = Object.hasOwn(this.urls.judges, kind) ? this.urls.judges[kind] : undefined;
    if (!url) return Promise.reject(new Error(`There are no face-swap judges for "${kind}"; the app ships judges for ${Object.keys(this.urls.judges).join(' and ')}.`));
    return loadOnce(this.judgeCache, kind, async () => {
      const [bytes, digits] = await Promise.all([
        this.fetchBytes(url, `the face-swap judges for ${kind}`),
        kind === 'digitStyles' ? this.digitClassifier() : Promise.resolve(undefined),
      ]);
      return decodeSwapJudges(bytes, digits);
    });
  }

  /** The decoded, fully checked checkpoint; rejects with the reason (unknown id, server error, bad file). */
  pretrained(id: string): Promise<FaceSwapCheckpoint> {
    const url = Object.hasOwn(this.urls.pretrained, id) ? this.urls.pretrained[id] : undefined;
    if (!url) {
      const ids = Object.keys(this.urls.pretrained).map((i) => `"${i}"`).join(', ');
      return Promise.reject(new Error(`There is no pretrained face-swap model called "${id}"; the app ships ${ids}.`));
    }
    return loadOnce(this.pretrainedCache, id, async () => decodeFaceSwapCheckpoint(await this.fetchBytes(url, `the pretrained face-swap model "${id}"`)));
  }

  /** Frees every judge and the digit classifier loaded so far. */
  async dispose(): Promise<void> {
    const judges = await Promise.allSettled([...this.judgeCache.values()]);
    const classifiers = await Promise.allSettled([...this.classifierCache.values()]);
    this.judgeCache.clear();
    this.classifierCache.clear();
    for (const r of judges) if (r.status === 'fulfilled') r.value.dispose();
    for (const r of classifiers) if (r.status === 'fulfilled') r.value.dispose();
  }
}
