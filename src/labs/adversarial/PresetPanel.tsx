/**
 * Ready-made experiments: a healthy run, classic failures and their fixes,
 * each with its story, what to watch for, and a link between failure and fix.
 */
import { GAN_PRESETS, findPreset, type GanPreset } from '../../core/adversarial/ganPresets';
import { usePlayFocusHandoff } from '../shared/useKeyboardShortcuts';

const GROUPS: { role: GanPreset['role']; label: string }[] = [
  { role: 'healthy', label: 'Healthy' },
  { role: 'failure', label: 'Failure modes' },
  { role: 'fix', label: 'Fixes' },
];

export interface PresetPanelProps {
  presetId: string | null;
  /** The settings no longer match the preset (the story may not play out as told). */
  modified: boolean;
  onLoad(id: string): void;
}

export function PresetPanel({ presetId, modified, onLoad }: PresetPanelProps) {
  const preset = presetId ? findPreset(presetId) : undefined;
  const handoff = usePlayFocusHandoff();
  return (
    <div className="preset-panel">
      <div className="field">
        <label htmlFor="preset-select">Experiment</label>
        <select
          id="preset-select"
          data-testid="preset-select"
          value={preset?.id ?? ''}
          aria-describedby="preset-select-help"
          onKeyDown={handoff.onKeyDown}
          onChange={(e) => {
            if (!e.target.value) return;
            onLoad(e.target.value);
            handoff.afterChoice();
          }}
        >
          <option value="">Your own settings</option>
          {GROUPS.map((group) => (
            <optgroup key={group.role} label={group.label}>
              {GAN_PRESETS.filter((p) => p.role === group.role).map((p) => (
                <option key={p.id} value={p.id}>{p.title}</option>
              ))}
            </optgroup>
          ))}
        </select>
        <p className="field-help" id="preset-select-help">
          Loading an experiment sets every control and restarts training. Then press Play (or Space).
        </p>
      </div>
      {preset ? <PresetStory preset={preset} modified={modified} onLoad={onLoad} /> : null}
    </div>
  );
}

function PresetStory({ preset, modified, onLoad }: { preset: GanPreset; modified: boolean; onLoad(id: string): void }) {
  const fixes = preset.fixedBy.map(findPreset).filter((p): p is GanPreset => p !== undefined);
  const fixed = preset.fixes ? findPreset(preset.fixes) : undefined;
  return (
    <article className={`preset-story preset-${preset.role}`} aria-label={`About the experiment: ${preset.title}`}>
      <h3>{preset.title}</h3>
      <p className="preset-summary">{preset.summary}</p>
      {preset.narrative.map((paragraph, i) => <p key={i}>{paragraph}</p>)}
      <p className="watch-for">
        <strong>Watch for: </strong>
        {preset.watchFor}
      </p>
      <p className="muted">The story plays out within about {preset.stepBudget.toLocaleString('en-US')} generator steps.</p>
      {modified ? <p className="field-warning">You have changed some settings since loading this experiment, so it may behave differently.</p> : null}
      <div className="button-row">
        {fixes.map((fix) => (
          <button key={fix.id} type="button" className="button-primary" onClick={() => onLoad(fix.id)}>
            Try the fix: {fix.title.replace(/^Fix:\s*/, '')}
          </button>
        ))}
        {fixed ? (
          <button type="button" className="button-secondary" onClick={() => onLoad(fixed.id)}>
            See the failure it fixes: {fixed.title}
          </button>
        ) : null}
      </div>
    </article>
  );
}
