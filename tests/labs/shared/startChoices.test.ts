import { describe, expect, it } from 'vitest';
import { START_CHOICES } from '../../../src/labs/digits/startChoices';
import { choiceForRequest, fileStartChoice, startPhrase } from '../../../src/labs/shared/startChoices';

describe('start choices', () => {
  it('finds the choice that made a request: scratch, a shipped model, or the loaded file itself', () => {
    const settings = START_CHOICES[1].settings!;
    expect(choiceForRequest({ kind: 'scratch' }, START_CHOICES, null, settings).id).toBe('scratch');
    expect(choiceForRequest({ kind: 'pretrained', id: 'dcgan-conditional' }, START_CHOICES, null, settings).id).toBe('dcgan-conditional');
    const request = { kind: 'file' as const, name: 'mine.weights', bytes: new Uint8Array([1]) };
    const file = fileStartChoice(request, settings);
    expect(choiceForRequest(request, START_CHOICES, file, settings)).toBe(file);
    // Another file (loaded after): a choice of its own, named for it.
    const other = { ...request, name: 'other.weights' };
    expect(choiceForRequest(other, START_CHOICES, file, settings).label).toBe('From the file "other.weights"');
    // A shipped model this build lacks reads as scratch.
    expect(choiceForRequest({ kind: 'pretrained', id: 'gone' }, START_CHOICES, null, settings).id).toBe('scratch');
  });

  it('says where training starts again, for the banners', () => {
    expect(startPhrase(START_CHOICES[0])).toBe('from the seed');
    expect(startPhrase(START_CHOICES.find((c) => c.id === 'dcgan')!)).toMatch(/^from "/);
    expect(startPhrase(fileStartChoice({ kind: 'file', name: 'm.json', bytes: new Uint8Array() }, {}))).toBe('from the file "m.json"');
  });
});
