/** The validator's verdict on the file shown: one of four states, what failed in plain words, and the trust switch. */
import type { ValidationReport } from '../../core/provenance/validationReport';

export interface VerdictCardProps {
  report: ValidationReport | null;
  readError: string | null;
  pending: boolean;
  trusted: boolean;
  onTrust(trusted: boolean): void;
  trustDisabled: boolean;
}

export function VerdictCard({ report, readError, pending, trusted, onTrust, trustDisabled }: VerdictCardProps) {
  const verdict = readError ? 'invalid' : report?.verdict ?? null;
  return (
    <div className="provenance-verdict" data-verdict={verdict ?? undefined}>
      <div className="provenance-verdict-state" role="status" aria-live="polite">
        <span className="provenance-verdict-label">Verdict</span>
        <strong data-testid="verdict">{pending ? 'Waiting for a picture…' : readError ? 'Unreadable credentials' : report?.title}</strong>
        <p data-testid="verdict-meaning">{readError ? `The manifest is there but c2pa-rs could not read it: ${readError}` : report?.meaning ?? ''}</p>
      </div>
      {report && report.problems.length > 0 ? (
        <div className="provenance-checks">
          <h3>What failed</h3>
          <ul data-testid="problems">
            {report.problems.map((p, i) => <li key={`${p.code}-${i}`} data-code={p.code}><span>{p.words}</span> <code>{p.code}</code></li>)}
          </ul>
        </div>
      ) : null}
      {report && report.passed.length > 0 ? (
        <details className="provenance-checks">
          <summary>What checked out ({report.passed.length})</summary>
          <ul data-testid="passed">
            {report.passed.map((p, i) => <li key={`${p.code}-${i}`} data-code={p.code}><span>{p.words}</span> <code>{p.code}</code></li>)}
          </ul>
        </details>
      ) : null}
      {report?.trustNote ? (
        <p className="provenance-trust-note" data-testid="trust-note" data-code={report.trustNote.code}>{report.trustNote.words} <code>{report.trustNote.code}</code></p>
      ) : null}
      <div className="provenance-trust field-checkbox">
        <input id="provenance-trust" type="checkbox" data-testid="trust-root" checked={trusted} disabled={trustDisabled}
          onChange={(e) => onTrust(e.target.checked)} aria-describedby="provenance-trust-help" />
        <label htmlFor="provenance-trust">Trust the lab's classroom root</label>
        <p className="field-help" id="provenance-trust-help">Adds the root certificate this lab made to the validator's trust anchors. A real validator trusts a curated list of authorities instead.</p>
      </div>
    </div>
  );
}
