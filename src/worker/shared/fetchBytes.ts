/** Fetches a shipped file's bytes; `what` names the file in the error when it fails. Node tests read files from disk instead. */
export type FetchBytes = (url: string, what: string) => Promise<Uint8Array>;

/** The worker's FetchBytes: the app's own server, nothing else. */
export const fetchAppFile: FetchBytes = async (url, what) => {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Could not load ${what}: the app's server answered ${response.status}.`);
  return new Uint8Array(await response.arrayBuffer());
};
