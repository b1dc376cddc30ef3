/** The notices area: each notice is an alert, so screen readers announce it when it appears. */
import type { Notice } from './useNotices';

const LABELS = { error: 'Problem', warning: 'Note', success: 'Done' } as const;

/** Up to this many details show at once; longer lists start folded. */
const OPEN_ITEMS = 3;

export function NoticeList(props: { notices: Notice[]; onDismiss: (id: number) => void }) {
  return (
    <div className="notices" data-testid="notices">
      {props.notices.map((notice) => (
        <div key={notice.id} className={`notice notice-${notice.kind}`} role="alert">
          <div>
            <p>
              <strong>{LABELS[notice.kind]}: </strong>
              {notice.text}
            </p>
            {notice.items && notice.items.length > 0 ? (
              <details open={notice.items.length <= OPEN_ITEMS}>
                <summary>Details ({notice.items.length})</summary>
                <ul>
                  {notice.items.map((item, i) => <li key={i}>{item}</li>)}
                </ul>
              </details>
            ) : null}
          </div>
          <button type="button" className="notice-dismiss" onClick={() => props.onDismiss(notice.id)} aria-label="Dismiss this notice">
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
