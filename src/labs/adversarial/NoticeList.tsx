/** The notices area: each notice is an alert, so screen readers announce it when it appears. */
import type { Notice } from './useNotices';

const LABELS = { error: 'Problem', warning: 'Note', success: 'Done' } as const;

export function NoticeList(props: { notices: Notice[]; onDismiss: (id: number) => void }) {
  return (
    <div className="notices" data-testid="notices">
      {props.notices.map((notice) => (
        <div key={notice.id} className={`notice notice-${notice.kind}`} role="alert">
          <p>
            <strong>{LABELS[notice.kind]}: </strong>
            {notice.text}
          </p>
          <button type="button" className="notice-dismiss" onClick={() => props.onDismiss(notice.id)} aria-label="Dismiss this notice">
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
