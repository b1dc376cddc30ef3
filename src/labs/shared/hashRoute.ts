/**
 * Hash routing (`#/adversarial?seed=7`): works from any static host and from
 * a folder opened offline, because the server only ever sees `index.html`.
 */

export interface HashRoute {
  /** Normalised path: "/" or "/adversarial" (no trailing slash). */
  path: string;
  /** The query after `?` inside the hash, without the `?`; "" when absent. */
  query: string;
}

export function parseHashRoute(hash: string): HashRoute {
  const raw = hash.replace(/^#/, '');
  const mark = raw.indexOf('?');
  const pathPart = mark >= 0 ? raw.slice(0, mark) : raw;
  const query = mark >= 0 ? raw.slice(mark + 1) : '';
  const trimmed = pathPart.trim().replace(/\/+$/, '');
  const path = trimmed === '' ? '/' : trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
  return { path, query };
}

/** The hash (with `#`) for a path and an optional query. */
export function hashFor(path: string, query = ''): string {
  return query ? `#${path}?${query}` : `#${path}`;
}
