/** The digit forger's settings sidebar: where the run starts, which digits, the model, the optimizers, the rules of training. */
import type { DigitGanSettings } from '../../core/digits/digitGanSettings';
import { CollapsibleSection } from '../adversarial/CollapsibleSection';
import { SHORTCUT_HELP } from '../adversarial/keyboardShortcuts';
import { ClassPicker } from './ClassPicker';
import { DigitModelControls } from './DigitModelControls';
import { DigitOptimizerControls } from './DigitOptimizerControls';
import { DigitTrainingControls } from './DigitTrainingControls';
import { START_CHOICES, type StartChoice } from './startChoices';

export interface DigitControlsProps {
  settings: DigitGanSettings;
  onEdit(next: DigitGanSettings): void;
  start: StartChoice;
  onChooseStart(id: string): void;
  /** Nothing trained yet: edits apply at once. */
  untrained: boolean;
}

function StartControls(props: { start: StartChoice; onChoose(id: string): void }) {
  if (START_CHOICES.length === 1) return <p className="field-help" data-testid="start-choice">{props.start.help}</p>;
  return (
    <fieldset className="subgroup">
      <legend>Start from</legend>
      {START_CHOICES.map((choice) => (
        <div key={choice.id} className="field field-checkbox">
          <input
            type="radio"
            id={`start-${choice.id}`}
            name="digit-start"
            checked={props.start.id === choice.id}
            aria-describedby={`start-${choice.id}-help`}
            onChange={() => props.onChoose(choice.id)}
          />
          <label htmlFor={`start-${choice.id}`}>{choice.label}</label>
          <p className="field-help" id={`start-${choice.id}-help`}>{choice.help}</p>
        </div>
      ))}
    </fieldset>
  );
}

export function DigitControls({ settings, onEdit, start, onChooseStart, untrained }: DigitControlsProps) {
  return (
    <div className="controls-panel">
      <p className="controls-note">
        {untrained
          ? 'Nothing is trained yet, so every change takes effect at once.'
          : 'Changes wait until you press "Apply & reset", so a run is never thrown away by a stray keystroke.'}
      </p>
      <CollapsibleSection title="Start" defaultOpen intro="Where training begins.">
        <StartControls start={start} onChoose={onChooseStart} />
      </CollapsibleSection>
      <CollapsibleSection title="Digits" defaultOpen intro="The handwritten digits (MNIST, stored in the app) the generator learns to forge.">
        <ClassPicker settings={settings} onEdit={onEdit} />
      </CollapsibleSection>
      <CollapsibleSection title="Model" defaultOpen intro="The generator (G) draws digits from noise; the discriminator (D) judges real against fake. Both share these choices.">
        <DigitModelControls settings={settings} onEdit={onEdit} />
      </CollapsibleSection>
      <CollapsibleSection title="Optimizers" defaultOpen intro="How each network changes its weights after every step. The learning rates matter most.">
        <DigitOptimizerControls settings={settings} onEdit={onEdit} />
      </CollapsibleSection>
      <CollapsibleSection title="Rules of the game" defaultOpen intro="How the two networks score each other and take turns.">
        <DigitTrainingControls settings={settings} onEdit={onEdit} />
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
