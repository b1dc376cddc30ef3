/**
 * Digit forger models kept in this browser for the detection lab: IndexedDB, through idb-keyval.
 * The digit forger keeps the same bytes its "Save this model" button downloads; the detection
 * lab lists them and loads one as the learner's own forger. Nothing leaves the computer. Only
 * the newest few are kept, so a class that keeps a model every few minutes does not fill the disk.
 */
import { createStore, del, entries, get, set, type UseStore } from 'idb-keyval';

/** How many kept models stay; keeping another forgets the oldest. */
export const MAX_KEPT_FORGERS = 5;
const KEY_PREFIX = 'forger:';

/** What the list shows of a kept model (its bytes are read only when it is used). */
export interface KeptForgerEntry {
  id: string;
  /** A name for the list, like a file name: "digit-forger-step-1200". */
  name: string;
  /** When it was kept, as an ISO date. */
  keptAt: string;
  /** Generator steps it had trained. */
  steps: number;
  /** Size of its file, in bytes. */
  size: number;
}

interface StoredForger extends KeptForgerEntry {
  bytes: Uint8Array;
}

let store: UseStore | null = null;
const db = () => (store ??= createStore('deepfake-lab-kept-forgers', 'forgers'));

function isStored(value: unknown): value is StoredForger {
  const v = value as Partial<StoredForger> | undefined;
  return !!v && typeof v.id === 'string' && typeof v.name === 'string' && typeof v.keptAt === 'string'
    && typeof v.steps === 'number' && v.bytes instanceof Uint8Array;
}

const entryOf = ({ id, name, keptAt, steps, bytes }: StoredForger): KeptForgerEntry => ({ id, name, keptAt, steps, size: bytes.length });

/** The kept models, newest first. Throws (with the reason) when this browser's storage cannot be read. */
export async function listKeptForgers(): Promise<KeptForgerEntry[]> {
  const all = await entries(db());
  return all
    .filter(([key, value]) => typeof key === 'string' && key.startsWith(KEY_PREFIX) && isStored(value))
    .map(([, value]) => entryOf(value as StoredForger))
    .sort((a, b) => (a.keptAt < b.keptAt ? 1 : a.keptAt > b.keptAt ? -1 : 0));
}

/**
 * Keeps a model's file under `name`, forgetting the oldest beyond MAX_KEPT_FORGERS. Throws with
 * a reason when the browser refuses (private browsing, storage turned off or full).
 */
export async function keepForger(name: string, steps: number, bytes: Uint8Array): Promise<KeptForgerEntry> {
  if (!(bytes instanceof Uint8Array) || bytes.length === 0) throw new Error('There is no model file to keep.');
  const keptAt = new Date().toISOString();
  const id = `${KEY_PREFIX}${keptAt}:${Math.random().toString(36).slice(2, 8)}`;
  const stored: StoredForger = { id, name, keptAt, steps, size: bytes.length, bytes: bytes.slice() };
  try {
    await set(id, stored, db());
    const older = (await listKeptForgers()).slice(MAX_KEPT_FORGERS);
    await Promise.all(older.map((e) => del(e.id, db())));
  } catch (error) {
    throw new Error(`This browser would not store the model (private browsing, or storage turned off or full): ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return entryOf(stored);
}

/** A kept model's file, or undefined when it is gone (forgotten, or the browser's storage was cleared). */
export async function keptForgerBytes(id: string): Promise<Uint8Array | undefined> {
  const value = await get(id, db());
  return isStored(value) ? value.bytes : undefined;
}

export async function forgetKeptForger(id: string): Promise<void> {
  await del(id, db());
}
