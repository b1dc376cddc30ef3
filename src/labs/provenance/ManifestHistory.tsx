/** What the credentials say happened: each manifest (the active one, then its ingredients'), its actions and who signed it. */
import type { ValidationReport } from '../../core/provenance/validationReport';

const SOURCE_WORDS: Record<string, string> = {
  'http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia': 'made by a trained generative model',
  'http://cv.iptc.org/newscodes/digitalsourcetype/algorithmicMedia': 'drawn by an algorithm (no training data)',
};

const ACTION_WORDS: Record<string, string> = {
  'c2pa.created': 'Created',
  'c2pa.edited': 'Edited',
  'c2pa.opened': 'Opened an earlier picture',
  'c2pa.transcoded': 'Saved in another format',
};

export function ManifestHistory({ report }: { report: ValidationReport | null }) {
  const manifests = report?.manifests ?? [];
  return (
    <section className="panel provenance-history" aria-labelledby="provenance-history-heading">
      <h2 id="provenance-history-heading">History</h2>
      {manifests.length === 0 ? (
        <p className="section-intro" data-testid="history-empty">{report ? 'No credentials, so no recorded history.' : 'The history recorded in the credentials appears here.'}</p>
      ) : (
        <ol className="provenance-manifests" data-testid="history">
          {manifests.map((m, i) => (
            <li key={m.label} data-testid="history-manifest">
              <h3>{i === 0 ? 'This picture' : `Ingredient: ${m.title ?? 'an earlier picture'}`}</h3>
              <p className="muted">{m.title ?? 'untitled'} · signed by {m.signer ?? 'unknown'}{m.issuer ? ` (issued by ${m.issuer})` : ''}{m.signedAt ? ` · ${new Date(m.signedAt).toLocaleString('en-GB')}` : ''}</p>
              <ul>
                {m.actions.map((a, j) => (
                  <li key={j} data-action={a.action}>
                    <strong>{ACTION_WORDS[a.action] ?? a.action}</strong>
                    {a.digitalSourceType ? ` — ${SOURCE_WORDS[a.digitalSourceType] ?? a.digitalSourceType}` : ''}
                    {a.description ? `: ${a.description}` : ''}
                  </li>
                ))}
              </ul>
              {m.ingredients.length > 0 ? (
                <p data-testid="history-ingredients">Made from: {m.ingredients.map((g) => `${g.title} (${g.relationship === 'parentOf' ? 'parent' : g.relationship})`).join(', ')}</p>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
