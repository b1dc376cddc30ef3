/** Which digits the forger learns, and whether it learns them as named classes (a conditional GAN). */
import { useId } from 'react';
import type { DigitGanSettings } from '../../core/mnist/digitGanSettings';
import { CheckboxField } from '../shared/formFields';
import { ALL_CLASSES, CLASS_PRESETS, toggleClass } from './digitSettingsEdits';

export function ClassPicker(props: { settings: DigitGanSettings; onEdit(next: DigitGanSettings): void }) {
  const { settings, onEdit } = props;
  const helpId = useId();
  const setClasses = (classes: readonly number[]) => onEdit({ ...settings, classes: [...classes] });
  return (
    <>
      <fieldset className="subgroup class-picker" aria-describedby={helpId}>
        <legend>Digits to learn</legend>
        <div className="class-toggles">
          {ALL_CLASSES.map((digit) => {
            const on = settings.classes.includes(digit);
            return (
              <button
                key={digit}
                type="button"
                className={on ? 'button-toggle is-on' : 'button-toggle'}
                aria-pressed={on}
                aria-label={`Digit ${digit}`}
                data-testid={`class-${digit}`}
                onClick={() => setClasses(toggleClass(settings.classes, digit))}
              >
                {digit}
              </button>
            );
          })}
        </div>
        <div className="button-row">
          {CLASS_PRESETS.map((preset) => (
            <button key={preset.label} type="button" onClick={() => setClasses(preset.classes)}>{preset.label}</button>
          ))}
        </div>
        <p className="field-help" id={helpId}>
          Training uses only the digits switched on. Two classes (say 0 and 1) make a quick first demo: there is far less to learn, so
          recognisable digits appear within a minute.
        </p>
      </fieldset>
      <CheckboxField
        label="Conditional GAN (ask for a digit)"
        checked={settings.conditional}
        help="Both networks are also told which digit is meant. The generator then draws the digit you ask for: ask for a 7 and you get a 7. Without it, you get whichever digit the noise happens to lead to."
        onChange={(conditional) => onEdit({ ...settings, conditional })}
      />
    </>
  );
}
