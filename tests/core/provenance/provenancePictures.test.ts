/**
 * The provenance lab's toy faces are the face-swap lab's own renderer's pictures: the same
 * pixels (mapped from [-1, 1] to 8 bits), the characters in turn, the expression from the seed.
 */
import { describe, expect, it } from 'vitest';
import { toyFaceChoice, toyFacePicture } from '../../../src/core/provenance/provenancePictures';
import { sampleFactors } from '../../../src/core/toyfaces/faceFactors';
import { TOY_FACE_IDENTITIES } from '../../../src/core/toyfaces/toyFaceIdentities';
import { renderToyFace } from '../../../src/core/toyfaces/toyFaceRenderer';
import { SeededRandom } from '../../../src/core/shared/seededRandom';

describe('provenance pictures', () => {
  it('draws the shared renderer\'s faces, one character after another', () => {
    for (const seed of [0, 1, 2, 3, 9]) {
      const picture = toyFacePicture(seed, 32);
      const identity = TOY_FACE_IDENTITIES[seed % TOY_FACE_IDENTITIES.length];
      expect(toyFaceChoice(seed).identity).toBe(identity.id);
      const rgb = renderToyFace(identity, sampleFactors(new SeededRandom(seed)), 32, 3);
      for (let p = 0; p < 32 * 32; p += 37) {
        for (let c = 0; c < 3; c++) expect(Math.abs(picture.data[p * 4 + c] - (rgb[p * 3 + c] + 1) * 127.5)).toBeLessThanOrEqual(0.5 + 1e-6);
        expect(picture.data[p * 4 + 3]).toBe(255);
      }
    }
    expect(toyFaceChoice(-1).identity).toBe(TOY_FACE_IDENTITIES[TOY_FACE_IDENTITIES.length - 1].id);
  });

  it('refuses a size it cannot draw', () => {
    expect(() => toyFacePicture(1, 8)).toThrow(/16–1024 pixels wide \(got 8\)/);
  });
});
