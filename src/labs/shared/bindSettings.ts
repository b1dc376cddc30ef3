/**
 * Form fields bound to the keys of one settings object: a key gives a field its value, its
 * allowed range and the edit that replaces that one value, so a control panel states only
 * the label, the help and whatever else is particular to the field.
 */

export interface Range {
  readonly min: number;
  readonly max: number;
}

/** The keys of `S` that hold a number. */
type NumberKey<S> = { [K in keyof S]: S[K] extends number ? K : never }[keyof S];

/** The number keys of `S` with a range of the same name in `L`. */
type RangedKey<S, L> = { [K in NumberKey<S> & keyof L]: L[K] extends Range ? K : never }[NumberKey<S> & keyof L];

export interface NumberBinding {
  value: number;
  min: number;
  max: number;
  onChange(value: number): void;
}

export function bindSettings<S extends object, L extends object>(settings: S, onEdit: (next: S) => void, limits: L) {
  const set = <K extends keyof S>(key: K) => (value: S[K]) => onEdit({ ...settings, [key]: value });
  /** Value, range and edit of a number field: the range of the same name in the limits, or the one given. */
  function number(key: RangedKey<S, L>): NumberBinding;
  function number(key: NumberKey<S>, range: Range): NumberBinding;
  function number(key: NumberKey<S>, range?: Range): NumberBinding {
    const { min, max } = range ?? (limits as Record<PropertyKey, Range>)[key];
    return { value: settings[key] as number, min, max, onChange: (value) => onEdit({ ...settings, [key]: value }) };
  }
  return {
    /** The new value of `key` as an edit (for a field whose value needs converting first). */
    set,
    /** Value and edit of a select or checkbox. */
    choice: <K extends keyof S>(key: K) => ({ value: settings[key], onChange: set(key) }),
    number,
  };
}
