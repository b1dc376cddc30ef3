/**
 * Labelled form fields with a short explanation under each, as every control
 * in the lab has one. Number fields validate as you type and say what is wrong.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { usePlayFocusHandoff } from './useKeyboardShortcuts';

interface FieldFrameProps {
  id: string;
  label: string;
  help?: ReactNode;
  error?: string | null;
  /** Marks the error too, as `<testId>-error`. */
  testId?: string;
  children: ReactNode;
}

function FieldFrame({ id, label, help, error, testId, children }: FieldFrameProps) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {error ? <p className="field-error" id={`${id}-error`} data-testid={testId && `${testId}-error`}>{error}</p> : null}
      {help ? <p className="field-help" id={`${id}-help`}>{help}</p> : null}
    </div>
  );
}

function describedBy(id: string, help: unknown, error: unknown, extra?: string): string | undefined {
  const ids = [error ? `${id}-error` : '', help ? `${id}-help` : '', extra ?? ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

export interface NumberFieldProps {
  label: string;
  value: number;
  min: number;
  max: number;
  integer?: boolean;
  step?: number | 'any';
  help?: ReactNode;
  testId?: string;
  disabled?: boolean;
  /** The id of help shared with other fields (e.g. one note under a row of them). */
  describedBy?: string;
  onChange(value: number): void;
}

/** Why `text` is not an acceptable value, or null. */
export function numberProblem(text: string, min: number, max: number, integer: boolean): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return 'Please enter a number.';
  const v = Number(trimmed);
  if (!Number.isFinite(v)) return `"${trimmed}" is not a number.`;
  if (integer && !Number.isInteger(v)) return 'Please enter a whole number.';
  if (v < min || v > max) return `Please enter a number from ${min} to ${max}.`;
  return null;
}

const COMMIT_DELAY_MS = 600;

export function NumberField({ label, value, min, max, integer = false, step, help, testId, disabled, describedBy: extraHelp, onChange }: NumberFieldProps) {
  const id = useId();
  const [text, setText] = useState(String(value));
  const [shown, setShown] = useState(value);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // The delayed commit must see the newest value and handler, not those of the keystroke's render.
  const latest = useRef({ value, onChange });
  useEffect(() => {
    latest.current = { value, onChange };
  });
  // A new value from outside (a preset, a link, a reset) replaces whatever was typed.
  if (value !== shown) {
    setShown(value);
    setText(String(value));
  }
  const problem = numberProblem(text, min, max, integer);
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  const commit = (raw: string) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (numberProblem(raw, min, max, integer)) return;
    const v = Number(raw.trim());
    if (v !== latest.current.value) latest.current.onChange(v);
  };

  return (
    <FieldFrame id={id} label={label} help={help} error={problem}>
      <input
        id={id}
        type="number"
        inputMode={integer ? 'numeric' : 'decimal'}
        min={min}
        max={max}
        step={step ?? (integer ? 1 : 'any')}
        value={text}
        disabled={disabled}
        data-testid={testId}
        aria-invalid={problem ? true : undefined}
        aria-describedby={describedBy(id, help, problem, extraHelp)}
        onChange={(e) => {
          const raw = e.target.value;
          setText(raw);
          if (timer.current) clearTimeout(timer.current);
          // Wait for a pause in typing: every accepted change restarts training.
          timer.current = setTimeout(() => commit(raw), COMMIT_DELAY_MS);
        }}
        onBlur={() => commit(text)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit(text);
        }}
      />
    </FieldFrame>
  );
}

export interface SelectOption<T extends string> {
  value: T;
  label: string;
}

/** The options of a select, in the order of the labels' keys. */
export function optionsOf<T extends string>(labels: Readonly<Record<T, string>>): SelectOption<T>[] {
  return (Object.keys(labels) as T[]).map((value) => ({ value, label: labels[value] }));
}

export interface SelectFieldProps<T extends string> {
  label: string;
  value: T;
  options: readonly SelectOption<T>[];
  help?: ReactNode;
  testId?: string;
  disabled?: boolean;
  /** A choice restarts training: after a pick, the keyboard goes back to the Play button. */
  handOffFocus?: boolean;
  /** The id of help shared with other fields (e.g. one note under a row of them). */
  describedBy?: string;
  onChange(value: T): void;
}

export function SelectField<T extends string>({
  label, value, options, help, testId, disabled, handOffFocus, describedBy: extraHelp, onChange,
}: SelectFieldProps<T>) {
  const id = useId();
  const handoff = usePlayFocusHandoff();
  return (
    <FieldFrame id={id} label={label} help={help}>
      <select
        id={id}
        value={value}
        disabled={disabled}
        data-testid={testId}
        aria-describedby={describedBy(id, help, null, extraHelp)}
        onKeyDown={handOffFocus ? handoff.onKeyDown : undefined}
        onChange={(e) => {
          onChange(e.target.value as T);
          if (handOffFocus) handoff.afterChoice();
        }}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>{o.label}</option>
        ))}
      </select>
    </FieldFrame>
  );
}

export function CheckboxField(props: { label: string; checked: boolean; help?: ReactNode; onChange(checked: boolean): void }) {
  const id = useId();
  return (
    <div className="field field-checkbox">
      <input
        id={id}
        type="checkbox"
        checked={props.checked}
        aria-describedby={props.help ? `${id}-help` : undefined}
        onChange={(e) => props.onChange(e.target.checked)}
      />
      <label htmlFor={id}>{props.label}</label>
      {props.help ? <p className="field-help" id={`${id}-help`}>{props.help}</p> : null}
    </div>
  );
}

export interface FileFieldProps {
  /** The input's id (its error and help are `<id>-error`, `<id>-help`) and its data-testid. */
  id: string;
  label: string;
  accept: string;
  help: ReactNode;
  /** Why the last file could not be used, shown under the input until the next one. */
  error: string | null;
  onFile(file: File): void;
}

export function FileField({ id, label, accept, help, error, onFile }: FileFieldProps) {
  return (
    <FieldFrame id={id} label={label} help={help} error={error} testId={id}>
      <input
        id={id}
        type="file"
        accept={accept}
        data-testid={id}
        aria-describedby={describedBy(id, help, error)}
        aria-invalid={error ? true : undefined}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = ''; // so choosing the same file again (after fixing it) loads it again
          if (file) onFile(file);
        }}
      />
    </FieldFrame>
  );
}
