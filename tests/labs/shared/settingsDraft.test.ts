import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../src/core/pointGan/ganSettings';
import { cloneDigitSettings, DEFAULT_DIGIT_SETTINGS, type DigitGanSettings } from '../../../src/core/mnist/digitGanSettings';
import { PRETRAINED_FACE_SWAPS } from '../../../src/core/autoencoder/pretrainedFaceSwaps';
import type { AdversarialSetup } from '../../../src/protocol/adversarial/adversarialProtocol';
import { ADVERSARIAL_STARTS } from '../../../src/labs/adversarial/adversarialSessionSetup';
import { ADVERSARIAL_EDITOR_RULES } from '../../../src/labs/adversarial/settingsEdits';
import { DIGIT_EDITOR_RULES } from '../../../src/labs/digits/digitSettingsEdits';
import { START_CHOICES } from '../../../src/labs/digits/startChoices';
import { SWAP_EDITOR_RULES } from '../../../src/labs/faceswap/swapSettingsEdits';
import { SCRATCH_START, type SwapStartChoice } from '../../../src/labs/faceswap/swapStartChoices';
import {
  draftStatus, findScratch, initialDraft, reduceDraft, settingsForStart, startAfterEdit, type DraftConfig, type DraftState,
} from '../../../src/labs/shared/settingsDraft';
import { fileStartChoice } from '../../../src/labs/shared/startChoices';

const rules = DIGIT_EDITOR_RULES;
const reduce = (state: DraftState<DigitGanSettings>, ...events: Parameters<typeof reduceDraft<DigitGanSettings>>[2][]) =>
  events.reduce((s, e) => reduceDraft(rules.same, s, e), state);

const scratch = findScratch(START_CHOICES);
const conditional = START_CHOICES.find((c) => c.id === 'dcgan-conditional')!;
const pretrained: DraftConfig<DigitGanSettings> = { settings: cloneDigitSettings(conditional.settings!), start: conditional };
const withLatent = (s: DigitGanSettings, latentSize: number): DigitGanSettings => ({ ...cloneDigitSettings(s), latentSize });

describe('an edit shows as applied only once the worker accepts it', () => {
  it('keeps the running settings and the draft, with the reason, when the worker refuses', () => {
    // A pretrained model trains; the learner changes its latent size, which its weights do not fit.
    const edited = withLatent(pretrained.settings, 32);
    const sent = reduce(initialDraft(pretrained), { type: 'request', settings: edited, start: conditional, send: true });
    // On its way: the draft shows the edit, no bar flashes, and nothing counts as applied yet.
    expect(sent.draft.latentSize).toBe(32);
    expect(draftStatus(rules, sent, pretrained).pending).toBe(false);

    const refused = reduce(sent, { type: 'refused', requested: { settings: edited, start: conditional }, reason: 'it holds a DCGAN with latent size 64' });
    expect(refused.draft.latentSize).toBe(32);
    expect(refused.draftStart.id).toBe('dcgan-conditional');
    expect(refused.refusal).toBe('it holds a DCGAN with latent size 64');
    expect(refused.sending).toBeNull();
    // What trains is still the pretrained model's settings: the bar now waits, showing why.
    expect(draftStatus(rules, refused, pretrained).pending).toBe(true);

    const undone = reduce(refused, { type: 'discard', applied: pretrained });
    expect(undone.draft.latentSize).toBe(64);
    expect(undone.refusal).toBeNull();
    expect(draftStatus(rules, undone, pretrained).pending).toBe(false);
  });

  it('forgets a refusal once the draft is edited again: the reason spoke of the draft as it was', () => {
    const edited = withLatent(pretrained.settings, 32);
    const refused = reduce(initialDraft(pretrained),
      { type: 'request', settings: edited, start: conditional, send: true },
      { type: 'refused', requested: { settings: edited, start: conditional }, reason: 'it holds a DCGAN with latent size 64' });
    const fixed = reduce(refused, { type: 'edit', settings: withLatent(pretrained.settings, 64), start: conditional });
    expect(fixed.refusal).toBeNull();
    expect(draftStatus(rules, fixed, pretrained).pending).toBe(false);
  });

  it('does not call an unanswered request (the worker stopped) a refusal: the draft waits to be applied again', () => {
    const edited = withLatent(pretrained.settings, 32);
    const stopped = reduce(initialDraft(pretrained),
      { type: 'request', settings: edited, start: conditional, send: true },
      { type: 'unanswered', requested: { settings: edited, start: conditional } });
    expect(stopped.refusal).toBeNull();
    expect(stopped.sending).toBeNull();
    expect(stopped.draft.latentSize).toBe(32);
    expect(draftStatus(rules, stopped, pretrained).pending).toBe(true);
  });

  it('follows what trains when the session changes it alone (a start that could not load fell back to scratch)', () => {
    const fellBack: DraftConfig<DigitGanSettings> = { settings: pretrained.settings, start: scratch };
    const state = reduce(initialDraft(pretrained), { type: 'accepted', requested: fellBack, accepted: fellBack, previous: pretrained });
    expect(state.draftStart.id).toBe('scratch');
    expect(draftStatus(rules, state, fellBack).pending).toBe(false);
  });

  it('makes the worker\'s answer the draft once accepted, and clears an earlier refusal', () => {
    const start: DraftConfig<DigitGanSettings> = { settings: cloneDigitSettings(DEFAULT_DIGIT_SETTINGS), start: scratch };
    const edited = { ...cloneDigitSettings(DEFAULT_DIGIT_SETTINGS), seed: 9 };
    const state = reduce(initialDraft(start),
      { type: 'refused', requested: start, reason: 'earlier' },
      { type: 'request', settings: edited, start: scratch, send: true },
      { type: 'accepted', requested: { settings: edited, start: scratch }, accepted: { settings: edited, start: scratch }, previous: start });
    expect(state.refusal).toBeNull();
    expect(state.sending).toBeNull();
    expect(draftStatus(rules, state, { settings: edited, start: scratch }).pending).toBe(false);
  });

  it('keeps edits made while a request was on its way', () => {
    const start: DraftConfig<DigitGanSettings> = { settings: cloneDigitSettings(DEFAULT_DIGIT_SETTINGS), start: scratch };
    const first = { ...start.settings, seed: 2 };
    const second = { ...start.settings, seed: 3 };
    const state = reduce(initialDraft(start),
      { type: 'request', settings: first, start: scratch, send: true },
      { type: 'edit', settings: second, start: scratch },
      { type: 'accepted', requested: { settings: first, start: scratch }, accepted: { settings: first, start: scratch }, previous: start });
    expect(state.draft.seed).toBe(3);
    expect(draftStatus(rules, state, { settings: first, start: scratch }).pending).toBe(true);
  });

  it('does not send settings with problems: they stay in the draft, listed', () => {
    const start: DraftConfig<DigitGanSettings> = { settings: cloneDigitSettings(DEFAULT_DIGIT_SETTINGS), start: scratch };
    const state = reduce(initialDraft(start), { type: 'request', settings: { ...start.settings, classes: [] }, start: scratch, send: false });
    expect(state.sending).toBeNull();
    const { pending, problems } = draftStatus(rules, state, start);
    expect(pending).toBe(true);
    expect(problems.join(' ')).toMatch(/^Digits to learn /);
  });

  it('lets a draft that showed what trained follow a reset to another start', () => {
    // The adversarial lab resets a loaded file to a fresh start from the seed; nothing was waiting, so nothing should wait after.
    const setup: AdversarialSetup = { settings: DEFAULT_SETTINGS, customPoints: null };
    const file = fileStartChoice<AdversarialSetup>({ kind: 'file', name: 'm.json', bytes: new Uint8Array([1]) }, setup);
    const fresh = findScratch(ADVERSARIAL_STARTS);
    const target = ADVERSARIAL_EDITOR_RULES.resetStart!(file, fresh);
    expect(target.id).toBe('scratch');
    const state = [
      { type: 'fileLoaded' as const, file, settings: setup },
      { type: 'accepted' as const, requested: { settings: setup, start: target }, accepted: { settings: setup, start: target }, previous: { settings: setup, start: file } },
    ].reduce((s, e) => reduceDraft(ADVERSARIAL_EDITOR_RULES.same, s, e), initialDraft({ settings: setup, start: fresh }));
    expect(state.draftStart.id).toBe('scratch');
    expect(draftStatus(ADVERSARIAL_EDITOR_RULES, state, { settings: setup, start: target }).pending).toBe(false);
  });

  it('makes a loaded file the draft and the start, listed with its name', () => {
    const bytes = new Uint8Array([1, 2, 3]);
    const file = fileStartChoice({ kind: 'file', name: 'mine.weights', bytes }, withLatent(DEFAULT_DIGIT_SETTINGS, 16));
    const state = reduce(initialDraft({ settings: DEFAULT_DIGIT_SETTINGS, start: scratch }), { type: 'fileLoaded', file, settings: file.settings! });
    expect(state.file?.label).toBe('From the file "mine.weights"');
    expect(state.draftStart.request).toEqual({ kind: 'file', name: 'mine.weights', bytes });
    expect(state.draft.latentSize).toBe(16);
  });
});

describe('the labs\' rules', () => {
  it('digit forger: an edit keeps a pretrained start, so the worker judges whether the weights fit', () => {
    expect(startAfterEdit(DIGIT_EDITOR_RULES, conditional, withLatent(pretrained.settings, 32), scratch).id).toBe('dcgan-conditional');
    expect(settingsForStart(DIGIT_EDITOR_RULES, conditional, DEFAULT_DIGIT_SETTINGS)).toBe(conditional.settings);
    expect(settingsForStart(DIGIT_EDITOR_RULES, scratch, pretrained.settings)).toBe(pretrained.settings);
  });

  it('face swap: an edit the shipped weights do not fit switches to scratch; one they fit keeps the model', () => {
    const model = PRETRAINED_FACE_SWAPS[0];
    const shipped: SwapStartChoice = { id: model.id, label: model.label, help: model.help, request: { kind: 'pretrained', id: model.id }, settings: model.settings };
    expect(startAfterEdit(SWAP_EDITOR_RULES, shipped, { ...model.settings, learningRate: 1e-3 }, SCRATCH_START).id).toBe(model.id);
    expect(startAfterEdit(SWAP_EDITOR_RULES, shipped, { ...model.settings, latentSize: model.settings.latentSize * 2 }, SCRATCH_START).id).toBe('scratch');
    // Choosing scratch keeps what is swapped.
    expect(settingsForStart(SWAP_EDITOR_RULES, SCRATCH_START, model.settings).dataset).toBe(model.settings.dataset);
  });

  it('adversarial lab: custom points count as settings, compared by value', () => {
    const a: AdversarialSetup = { settings: DEFAULT_SETTINGS, customPoints: new Float32Array([0, 1, 2, 3]) };
    expect(ADVERSARIAL_EDITOR_RULES.same(a, { ...a, customPoints: new Float32Array([0, 1, 2, 3]) })).toBe(true);
    expect(ADVERSARIAL_EDITOR_RULES.same(a, { ...a, customPoints: new Float32Array([0, 1, 2, 4]) })).toBe(false);
    expect(ADVERSARIAL_EDITOR_RULES.same(a, { ...a, customPoints: null })).toBe(false);
  });
});
