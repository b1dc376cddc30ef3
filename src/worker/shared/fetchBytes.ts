/** Fetches a shipped file's bytes; `what` names the file in the error when it fails. Node tests read files from disk instead. */
export type FetchBytes = (url: string, what: string) => Promise<Uint8Array>;
