/** The face-swap lab's settings sidebar: where the run starts, what is swapped, the networks, and how they learn. */
import type { FaceSwapSettings } from '../../core/faceswap/faceSwapSettings';
import { CollapsibleSection } from '../adversarial/CollapsibleSection';
import { SHORTCUT_HELP } from '../adversarial/keyboardShortcuts';
import { SwapDatasetControls } from './SwapDatasetControls';
import { SwapModelControls } from './SwapModelControls';
import { SwapTrainingControls } from './SwapTrainingControls';
import { SWAP_START_CHOICES, type SwapStartChoice } from './swapStartChoices';

export interface SwapControlsProps {
  settings: FaceSwapSettings;
  onEdit(next: FaceSwapSettings): void;
  start: SwapStartChoice;
  onChooseStart(id: string): void;
  /** Nothing trained yet: edits apply at once. */
  untrained: boolean;
}

function StartControls(props: { start: SwapStartChoice; onChoose(id: string): void }) {
  if (SWAP_START_CHOICES.length === 1) return <p className="field-help" data-testid="start-choice">{props.start.help}</p>;
  return (
    <fieldset className="subgroup">
      <legend>Start from</legend>
      {SWAP_START_CHOICES.map((choice) => (
        <div key={choice.id} className="field field-checkbox">
          <input type="radio" id={`swap-start-${choice.id}`} name="swap-start" checked={props.start.id === choice.id}
            aria-describedby={`swap-start-${choice.id}-help`} onChange={() => props.onChoose(choice.id)} />
          <label htmlFor={`swap-start-${choice.id}`}>{choice.label}</label>
          <p className="field-help" id={`swap-start-${choice.id}-help`}>{choice.help}</p>
        </div>
      ))}
    </fieldset>
  );
}

export function SwapControls({ settings, onEdit, start, onChooseStart, untrained }: SwapControlsProps) {
  return (
    <div className="controls-panel">
      <p className="controls-note">
        {untrained
          ? 'Nothing is trained yet, so every change takes effect at once.'
          : 'Changes wait until you press "Apply & reset", so a run is never thrown away by a stray keystroke.'}
      </p>
      <CollapsibleSection title="Start" defaultOpen intro="Where training begins: a model trained in advance, or random weights.">
        <StartControls start={start} onChoose={onChooseStart} />
      </CollapsibleSection>
      <CollapsibleSection title="Pictures" defaultOpen intro="Who is swapped: A's expression goes onto B.">
        <SwapDatasetControls settings={settings} onEdit={onEdit} />
      </CollapsibleSection>
      <CollapsibleSection title="Model" defaultOpen intro="An encoder squeezes each picture into a short code; each character's decoder draws a picture from a code.">
        <SwapModelControls settings={settings} onEdit={onEdit} />
      </CollapsibleSection>
      <CollapsibleSection title="Training" defaultOpen intro="Each step, each autoencoder tries to rebuild a batch of its own character's pictures.">
        <SwapTrainingControls settings={settings} onEdit={onEdit} />
      </CollapsibleSection>
      <CollapsibleSection title="Keyboard shortcuts">
        <dl className="shortcut-list">
          {SHORTCUT_HELP.slice(0, 2).map((s) => (
            <div key={s.keys}>
              <dt><kbd>{s.keys}</kbd></dt>
              <dd>{s.action}</dd>
            </div>
          ))}
        </dl>
      </CollapsibleSection>
    </div>
  );
}
