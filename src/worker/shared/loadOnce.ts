/**
 * One promise per key, made on first use and shared by every caller after; a rejected one is
 * dropped, so the next call tries again (a failed fetch or a bad file is never kept).
 */
export function loadOnce<T>(cache: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  let pending = cache.get(key);
  if (!pending) {
    pending = load();
    pending.catch(() => cache.delete(key));
    cache.set(key, pending);
  }
  return pending;
}
