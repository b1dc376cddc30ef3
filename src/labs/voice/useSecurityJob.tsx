/**
 * One long worker call of the security panels (train the lock, train the detector, deal the
 * quiz): its progress while it runs, then its result or the reason it failed.
 */
import { useCallback, useRef, useState } from 'react';
import * as Comlink from 'comlink';
import type { SecurityProgress } from '../../protocol/voice/voiceSecurityProtocol';
import { messageOf } from '../shared/messageOf';

export function useSecurityJob<T>(run: (progress: (p: SecurityProgress) => void) => Promise<T>) {
  const [result, setResult] = useState<T | null>(null);
  const [progress, setProgress] = useState<SecurityProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const running = useRef(false);
  const start = useCallback(async () => {
    if (running.current) return;
    running.current = true;
    setError(null);
    setProgress({ stage: 'Starting', fraction: 0 });
    try {
      setResult(await run(Comlink.proxy((p: SecurityProgress) => setProgress(p))));
    } catch (e) {
      setError(messageOf(e));
    } finally {
      running.current = false;
      setProgress(null);
    }
  }, [run]);
  return { result, progress, error, start, busy: progress !== null };
}

export function JobProgress({ progress, id }: { progress: SecurityProgress | null; id: string }) {
  if (!progress) return null;
  return (
    <div className="security-progress" role="status" data-testid={`${id}-progress`}>
      <progress max={1} value={progress.fraction} aria-label={progress.stage} />
      <span>{progress.stage}…</span>
    </div>
  );
}
