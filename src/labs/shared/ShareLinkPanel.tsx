/**
 * The share box of a lab: copies the link that replays the set-up being trained, or shows
 * it to copy by hand when the page may not use the clipboard. `left out` says what a link
 * cannot carry (a loaded model file, your own points), when the set-up has it.
 */
import { useId, useState } from 'react';

export interface ShareLinkPanelProps {
  /** The full address of the set-up being trained. */
  link: string;
  /** What the address holds, in one sentence. */
  help: string;
  /** What the link leaves out of this set-up and how to share it instead; null when it carries everything. */
  leftOut: string | null;
  onNotice(kind: 'error' | 'success', text: string): void;
}

export function ShareLinkPanel({ link, help, leftOut, onNotice }: ShareLinkPanelProps) {
  const [manualLink, setManualLink] = useState<string | null>(null);
  const id = useId();
  const copyLink = async () => {
    try {
      await navigator.clipboard.writeText(link);
      setManualLink(null);
      onNotice('success', leftOut ? `Link copied. ${leftOut}` : 'Link copied. Anyone who opens it gets exactly this set-up.');
    } catch {
      // Clipboard access needs a secure page; offer the link to copy by hand instead.
      setManualLink(link);
    }
  };
  return (
    <div className="share-link" data-testid="share-box">
      <p className="field-help">{help}</p>
      {leftOut ? <p className="field-help" data-testid="share-left-out">{leftOut}</p> : null}
      <div className="button-row">
        <button type="button" className="button-secondary" data-testid="copy-link" onClick={copyLink}>Copy link</button>
      </div>
      <div className="field">
        <label htmlFor={`${id}-link`}>{manualLink ? 'Copy this link by hand' : 'The link'}</label>
        <input id={`${id}-link`} type="text" readOnly value={link} data-testid="share-link" onFocus={(e) => e.target.select()} />
      </div>
    </div>
  );
}
