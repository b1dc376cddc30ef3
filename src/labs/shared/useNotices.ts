/** Messages for the notices area: problems with a link, a file, or a request to the worker. */
import { useCallback, useRef, useState } from 'react';
import { messageOf } from './messageOf';

export type NoticeKind = 'error' | 'warning' | 'success';

export interface NoticeContent {
  kind: NoticeKind;
  text: string;
  /** Details listed under the text (folded away when there are many). */
  items?: string[];
}

export interface Notice extends NoticeContent {
  id: number;
}

export interface Notices {
  list: Notice[];
  push(kind: NoticeKind, text: string): void;
  /** An error notice with this text. */
  reportError(text: string): void;
  /** An error notice with the reason a call failed. */
  reportFailure(error: unknown): void;
  dismiss(id: number): void;
}

/** Older notices scroll away after this many, so the area never takes over the page. */
export const MAX_NOTICES = 6;

/**
 * The notices a page opens with are about the link it was opened from; several
 * become one notice with a list, so a messy link cannot push the lab out of sight.
 */
export function groupLinkNotices(initial: readonly NoticeContent[]): NoticeContent[] {
  if (initial.length <= 1) return [...initial];
  const kind: NoticeKind = initial.some((n) => n.kind === 'error') ? 'error' : 'warning';
  return [{
    kind,
    text: `${initial.length} parts of the link you opened could not be used as written; everything else in it applies.`,
    items: initial.flatMap((n) => (n.items ? [n.text, ...n.items] : [n.text])),
  }];
}

export function useNotices(initial: NoticeContent[] = []): Notices {
  const [list, setList] = useState<Notice[]>(() => groupLinkNotices(initial).slice(-MAX_NOTICES).map((n, i) => ({ ...n, id: i + 1 })));
  const nextId = useRef(list.length + 1);
  const push = useCallback((kind: NoticeKind, text: string) => {
    const id = nextId.current++;
    setList((current) => [...current.filter((n) => n.text !== text), { id, kind, text }].slice(-MAX_NOTICES));
  }, []);
  const reportError = useCallback((text: string) => push('error', text), [push]);
  const reportFailure = useCallback((error: unknown) => push('error', messageOf(error)), [push]);
  const dismiss = useCallback((id: number) => setList((current) => current.filter((n) => n.id !== id)), []);
  return { list, push, reportError, reportFailure, dismiss };
}
