import { describe, expect, it } from 'vitest';
import { blurAndNoise } from '../../../src/core/faceswap/imageReader';
import { toyFaceIdentitySource } from '../../../src/core/faceswap/identityClassifier';
import { TOY_FACE_IDENTITIES } from '../../../src/core/toyfaces/toyFaceIdentities';
import { SeededRandom } from '../../../src/core/shared/seededRandom';

const ids = TOY_FACE_IDENTITIES.map((f) => f.id);

describe('the judges\' augmentation', () => {
  it('blurs and adds noise within [-1, 1], reproducibly', () => {
    const images = toyFaceIdentitySource(ids, 32, 3, 1)(8).images;
    const a = images.slice();
    blurAndNoise(a, 32, 3, new SeededRandom(2));
    const b = images.slice();
    blurAndNoise(b, 32, 3, new SeededRandom(2));
    expect(a).toEqual(b);
    expect(a).not.toEqual(images);
    expect(a.reduce((m, v) => Math.max(m, Math.abs(v)), 0)).toBeLessThanOrEqual(1);
  });
});

