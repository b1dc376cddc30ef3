/** Messages for the notices area: problems with a link, a file, or a request to the worker. */
import { useCallback, useRef, useState } from 'react';

export type NoticeKind = 'error' | 'warning' | 'success';

export interface Notice {
  id: number;
  kind: NoticeKind;
  text: string;
}

export interface Notices {
  list: Notice[];
  push(kind: NoticeKind, text: string): void;
  dismiss(id: number): void;
}

/** Older notices scroll away after this many, so the area never takes over the page. */
const MAX_NOTICES = 6;

export function useNotices(initial: { kind: NoticeKind; text: string }[] = []): Notices {
  const nextId = useRef(initial.length + 1);
  const [list, setList] = useState<Notice[]>(() => initial.map((n, i) => ({ ...n, id: i + 1 })));
  const push = useCallback((kind: NoticeKind, text: string) => {
    const id = nextId.current++;
    setList((current) => [...current.filter((n) => n.text !== text), { id, kind, text }].slice(-MAX_NOTICES));
  }, []);
  const dismiss = useCallback((id: number) => setList((current) => current.filter((n) => n.id !== id)), []);
  return { list, push, dismiss };
}
