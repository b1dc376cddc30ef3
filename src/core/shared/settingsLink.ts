/**
 * A lab's set-up as a link query, and back: the generic part every lab's link
 * uses. A lab describes its parameters once as a schema (numbers with limits,
 * yes/no flags, one-of choices, lists of numbers) and maps its settings to a
 * flat record of values; this file writes that record as `name=value&…` and
 * reads it back. Reading never fails: a bad value keeps the default for that
 * parameter and becomes a problem naming it, an unknown parameter is named and
 * ignored, and everything else in the link still applies.
 */

export type LinkField =
  | { readonly kind: 'number'; readonly min: number; readonly max: number; readonly integer?: boolean }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'enum'; readonly options: readonly string[] }
  | {
      readonly kind: 'numbers';
      readonly min: number;
      readonly max: number;
      readonly integer?: boolean;
      readonly minLength?: number;
      readonly maxLength?: number;
      /** No number may appear twice; the list is read in any order and kept sorted. */
      readonly unique?: boolean;
    };

export type LinkValue = number | boolean | string | number[];
/** Parameter name → how its value is written; the order is the order in the link. */
export type LinkSchema = Readonly<Record<string, LinkField>>;
export type LinkValues = Record<string, LinkValue>;

/** One parameter of a link that was refused or ignored, in words a learner can act on. */
export interface LinkProblem {
  param: string;
  message: string;
}

export interface ParsedLink {
  values: LinkValues;
  /** The parameters the link set (with a usable value). */
  given: Set<string>;
  problems: LinkProblem[];
}

// Commas are legal in a query; leaving them unescaped keeps `classes=0,1` readable.
const encodeValue = (v: string) => encodeURIComponent(v).replace(/%2C/gi, ',');

/** How a value is written in a link (and in a notice). */
export function formatLinkValue(value: LinkValue): string {
  if (Array.isArray(value)) return value.join(',');
  if (typeof value === 'boolean') return value ? '1' : '0';
  return String(value);
}

export function sameLinkValue(a: LinkValue, b: LinkValue): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => x === b[i]);
  }
  return a === b;
}

/**
 * The query (without `?`) for these values, in the schema's order. With `base`, a value
 * equal to the base's is left out, so a link names only what differs from the defaults.
 */
export function formatLinkQuery(schema: LinkSchema, values: LinkValues, base?: LinkValues): string {
  const pairs: string[] = [];
  for (const name of Object.keys(schema)) {
    if (!Object.hasOwn(values, name)) continue;
    const value = values[name];
    if (base && Object.hasOwn(base, name) && sameLinkValue(value, base[name])) continue;
    pairs.push(`${name}=${encodeValue(formatLinkValue(value))}`);
  }
  return pairs.join('&');
}

/** The value of one parameter, or why the text cannot be one. */
export function readLinkValue(field: LinkField, raw: string): { value: LinkValue } | { why: string } {
  switch (field.kind) {
    case 'number': {
      const v = raw === '' ? NaN : Number(raw);
      if (!Number.isFinite(v)) return { why: 'is not a number' };
      if (field.integer && !Number.isInteger(v)) return { why: 'is not a whole number' };
      if (v < field.min || v > field.max) return { why: `is outside the allowed range ${field.min} to ${field.max}` };
      return { value: v };
    }
    case 'boolean': {
      if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return { value: true };
      if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return { value: false };
      return { why: 'is not 1 (on) or 0 (off)' };
    }
    case 'enum':
      return field.options.includes(raw) ? { value: raw } : { why: `is not one of ${field.options.join(', ')}` };
    case 'numbers': {
      const parts = raw === '' ? [] : raw.split(',').map((p) => p.trim());
      const numbers = parts.map((p) => (p === '' ? NaN : Number(p)));
      const whole = field.integer ? 'whole numbers' : 'numbers';
      if (numbers.some((v) => !Number.isFinite(v) || (field.integer && !Number.isInteger(v)) || v < field.min || v > field.max)) {
        return { why: `is not a list of ${whole} from ${field.min} to ${field.max}, separated by commas` };
      }
      if (field.minLength !== undefined && numbers.length < field.minLength) return { why: `has fewer than ${field.minLength} entries` };
      if (field.maxLength !== undefined && numbers.length > field.maxLength) return { why: `has more than ${field.maxLength} entries` };
      if (field.unique) {
        if (new Set(numbers).size !== numbers.length) return { why: 'names a number more than once' };
        numbers.sort((x, y) => x - y);
      }
      return { value: numbers };
    }
  }
}

/** The notice for a refused value: what was asked, why not, and what is used instead. */
export function refusedProblem(param: string, raw: string, why: string, used: LinkValue): LinkProblem {
  const shown = formatLinkValue(used);
  return { param, message: `"${param}=${raw}" ${why}; using the default ${shown === '' ? '(none)' : shown}.` };
}

/** One parameter as the link wrote it (trimmed), or undefined when the link leaves it out. */
export function rawLinkParam(query: string, name: string): string | undefined {
  return new URLSearchParams(query).get(name)?.trim();
}

/**
 * Reads a query (with or without `?`) against the schema. Missing parameters keep their
 * value in `defaults` without a word; each refused, repeated or unknown one is a problem.
 */
export function parseLinkQuery(schema: LinkSchema, query: string, defaults: LinkValues): ParsedLink {
  const values: LinkValues = { ...defaults };
  const given = new Set<string>();
  const problems: LinkProblem[] = [];
  const seen = new Set<string>();
  for (const [name, rawValue] of new URLSearchParams(query)) {
    const raw = rawValue.trim();
    if (seen.has(name)) {
      problems.push({ param: name, message: `"${name}" appears more than once in the link; only its first value is used.` });
      continue;
    }
    seen.add(name);
    if (!Object.hasOwn(schema, name)) {
      problems.push({ param: name, message: `"${name}" is not a setting this lab knows; it was ignored.` });
      continue;
    }
    const read = readLinkValue(schema[name], raw);
    if ('why' in read) {
      problems.push(refusedProblem(name, raw, read.why, defaults[name]));
    } else {
      values[name] = read.value;
      given.add(name);
    }
  }
  return { values, given, problems };
}

/**
 * A trained start's weights fit only its own network shape: each shape parameter the link
 * set to something else goes back to the model's value, with a problem naming it.
 */
export function keepStartShape(parsed: ParsedLink, base: LinkValues, shapeParams: readonly string[], startName: string, query: string): void {
  for (const name of shapeParams) {
    if (!parsed.given.has(name) || sameLinkValue(parsed.values[name], base[name])) continue;
    const raw = rawLinkParam(query, name) ?? formatLinkValue(parsed.values[name]);
    parsed.values[name] = base[name];
    parsed.given.delete(name);
    parsed.problems.push({
      param: name,
      message: `"${name}=${raw}" does not fit the pretrained model "${startName}", whose weights need ${formatLinkValue(base[name])}; using ${formatLinkValue(base[name])}.`,
    });
  }
}
