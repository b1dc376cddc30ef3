/**
 * Collects what is wrong with a settings object, each problem naming its field, so the URL
 * codec, the checkpoint loaders, the worker and the controls all refuse a bad value with the
 * same sentence. Every lab's settings check is a list of these calls.
 */

export interface Range {
  min: number;
  max: number;
}

export class SettingsProblems {
  readonly list: string[] = [];

  /** A finite number within `range` (and a whole one when `integer`). */
  number(name: string, value: unknown, range: Range, integer = false): void {
    if (typeof value !== 'number' || !Number.isFinite(value)) this.list.push(`${name} must be a number`);
    else if (value < range.min || value > range.max) this.list.push(`${name} must be between ${range.min} and ${range.max}`);
    else if (integer && !Number.isInteger(value)) this.list.push(`${name} must be a whole number`);
  }

  oneOf(name: string, value: unknown, options: readonly string[]): void {
    if (!options.includes(value as string)) this.list.push(`${name} must be one of ${options.join(', ')}`);
  }

  flag(name: string, value: unknown): void {
    if (typeof value !== 'boolean') this.list.push(`${name} must be true or false`);
  }

  add(problem: string): void {
    this.list.push(problem);
  }
}

/** Throws one error listing every problem (`what` names the settings), or returns when there is none. */
export function throwIfProblems(what: string, problems: readonly string[]): void {
  if (problems.length > 0) throw new Error(`Invalid ${what}: ${problems.join('; ')}`);
}
