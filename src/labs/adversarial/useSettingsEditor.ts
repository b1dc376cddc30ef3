/**
 * The settings the controls show (the draft) and the ones the worker trains
 * with (applied). Every applied change re-initialises the networks from the
 * seed, so while training runs, edits wait for "Apply & reset"; while paused
 * they apply at once.
 */
import { useCallback, useState } from 'react';
import { cloneSettings, settingsProblems, type GanSettings } from '../../core/adversarial/ganSettings';
import { findPreset } from '../../core/adversarial/ganPresets';
import { sameSettings } from './settingsEdits';
import { messageOf } from './useAdversarialSession';

export interface SettingsEditor {
  applied: GanSettings;
  draft: GanSettings;
  /** Your own points (drawn or imported) that the `custom` dataset trains on. */
  customPoints: Float32Array | null;
  presetId: string | null;
  /** The draft differs from what is training. */
  pending: boolean;
  /** Why the draft cannot be applied (empty when it can). */
  problems: string[];
  edit(next: GanSettings): void;
  applyDraft(): Promise<void>;
  discardDraft(): void;
  /** Re-initialise from the seed with the applied settings. */
  reset(): Promise<void>;
  loadPreset(id: string): Promise<void>;
  trainOnPoints(points: Float32Array): Promise<void>;
  /** Take over what a loaded checkpoint holds (the worker already has it). */
  adopt(settings: GanSettings, customPoints: Float32Array | null): void;
}

export interface SettingsEditorOptions {
  initialSettings: GanSettings;
  initialPresetId: string | null;
  configure(settings: GanSettings, customPoints: Float32Array | null): Promise<void>;
  running: boolean;
  onError(message: string): void;
}

export function useSettingsEditor({ initialSettings, initialPresetId, configure, running, onError }: SettingsEditorOptions): SettingsEditor {
  const [applied, setApplied] = useState(() => cloneSettings(initialSettings));
  const [draft, setDraft] = useState(() => cloneSettings(initialSettings));
  const [customPoints, setCustomPoints] = useState<Float32Array | null>(null);
  const [presetId, setPresetId] = useState(initialPresetId);

  const apply = useCallback(async (settings: GanSettings, points: Float32Array | null) => {
    setDraft(settings);
    if (settingsProblems(settings).length > 0) return;
    setApplied(settings);
    setCustomPoints(points);
    try {
      await configure(settings, points);
    } catch (error) {
      onError(`The new settings could not be applied: ${messageOf(error)}`);
    }
  }, [configure, onError]);

  const edit = useCallback((next: GanSettings) => {
    if (running) setDraft(next);
    else void apply(next, customPoints);
  }, [running, apply, customPoints]);

  const loadPreset = useCallback(async (id: string) => {
    const preset = findPreset(id);
    if (!preset) {
      onError(`There is no preset called "${id}".`);
      return;
    }
    setPresetId(id);
    await apply(cloneSettings(preset.settings), customPoints);
  }, [apply, customPoints, onError]);

  const trainOnPoints = useCallback(
    (points: Float32Array) => apply({ ...cloneSettings(draft), dataset: 'custom' }, points),
    [apply, draft],
  );

  const adopt = useCallback((settings: GanSettings, points: Float32Array | null) => {
    setApplied(cloneSettings(settings));
    setDraft(cloneSettings(settings));
    setCustomPoints(points);
    setPresetId(null);
  }, []);

  return {
    applied,
    draft,
    customPoints,
    presetId,
    pending: !sameSettings(draft, applied),
    problems: settingsProblems(draft),
    edit,
    applyDraft: () => apply(draft, customPoints),
    discardDraft: () => setDraft(cloneSettings(applied)),
    reset: async () => {
      // Edits waiting for "Apply & reset" stay waiting: Reset restarts what is training.
      try {
        await configure(applied, customPoints);
      } catch (error) {
        onError(`Training could not be reset: ${messageOf(error)}`);
      }
    },
    loadPreset,
    trainOnPoints,
    adopt,
  };
}
