/**
 * "Your own forger": the learner brings the digit forger they trained, as the model file the
 * digit forger saves or as one it kept in this browser, and the lab draws fakes from it wherever
 * a shipped GAN can be chosen (the detector's set, the generalisation table, the quiz). A file
 * that is not a digit forger's model is refused with the reason, and nothing else changes.
 */
import { useEffect, useId, useState } from 'react';
import type { OwnForgerSummary } from '../../protocol/detection/detectionProtocol';
import { FileField } from '../shared/formFields';
import { forgetKeptForger, keptForgerBytes, listKeptForgers, type KeptForgerEntry } from '../shared/keptForgers';
import { messageOf } from '../shared/messageOf';
import { modelFileSizeProblem } from '../shared/ModelFilePanel';

export interface OwnForgerPanelProps {
  own: OwnForgerSummary | null;
  /** The forger setting already names it. */
  chosen: boolean;
  /** Reads the file in the worker; rejects with the reason when it is not a digit forger's model. */
  load(name: string, bytes: Uint8Array): Promise<OwnForgerSummary>;
  disabled: boolean;
  onNotice(kind: 'error' | 'success', text: string): void;
}

const kilobytes = (n: number) => `${Math.round(n / 1024).toLocaleString('en-US')} KB`;

function keptWhen(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

export function OwnForgerPanel({ own, chosen, load, disabled, onNotice }: OwnForgerPanelProps) {
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [kept, setKept] = useState<KeptForgerEntry[] | null>(null);
  const [keptProblem, setKeptProblem] = useState<string | null>(null);

  // Bumped to read the list again: after forgetting one, or back from the digit forger in another tab.
  const [listing, setListing] = useState(0);
  useEffect(() => {
    let current = true;
    listKeptForgers().then(
      (list) => {
        if (!current) return;
        setKept(list);
        setKeptProblem(null);
      },
      (e) => {
        if (!current) return;
        setKept([]);
        setKeptProblem(`This browser's storage cannot be read (private browsing, or storage turned off): ${messageOf(e)}`);
      },
    );
    return () => { current = false; };
  }, [listing]);
  useEffect(() => {
    const onFocus = () => setListing((n) => n + 1);
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, []);

  const loadForger = async (name: string, bytes: () => Promise<Uint8Array | undefined>) => {
    setError(null);
    setBusy(true);
    try {
      const read = await bytes();
      if (!read) throw new Error('it is no longer kept in this browser (forgotten, or the browser\'s storage was cleared)');
      const summary = await load(name, read);
      onNotice('success', `Loaded "${summary.name}" as your own forger: ${summary.architecture}, ${summary.steps.toLocaleString('en-US')} steps.`);
    } catch (e) {
      const text = `"${name}" was not loaded, so the lab is unchanged: ${messageOf(e).replace(/^".*?" cannot be used as your own forger: /, '')}`;
      setError(text);
      onNotice('error', text);
    } finally {
      setBusy(false);
    }
  };

  const loadFromFile = (file: File) => {
    const tooBig = modelFileSizeProblem(file.name, file.size);
    if (tooBig) {
      setError(tooBig);
      onNotice('error', tooBig);
      return;
    }
    void loadForger(file.name, async () => new Uint8Array(await file.arrayBuffer()));
  };

  const forget = async (entry: KeptForgerEntry) => {
    try {
      await forgetKeptForger(entry.id);
    } catch (e) {
      onNotice('error', `"${entry.name}" could not be forgotten: ${messageOf(e)}`);
    }
    setListing((n) => n + 1);
  };

  return (
    <div className="own-forger" data-testid="own-forger">
      <p className="field-help own-forger-status" data-testid="own-forger-status" aria-live="polite">
        {own
          ? <>Loaded: <strong>{own.name}</strong> ({own.architecture}, {own.steps.toLocaleString('en-US')} steps).{chosen ? '' : ' Choose "Your own forger" as the forger above to train on it.'}</>
          : 'None loaded yet: the forger list above holds only the shipped forgers.'}
      </p>
      <FileField id="own-forger-file" label="Load a digit forger model file" accept=".weights,application/octet-stream" error={error}
        onFile={loadFromFile}
        help='A file from the digit forger&apos;s "Save this model" button: its generator then draws fakes here like a shipped GAN, so you can test a detector on the forger you trained.' />
      <div className="own-forger-kept" role="group" aria-labelledby={`${id}-kept`}>
        <h3 className="own-forger-heading" id={`${id}-kept`}>Kept in this browser</h3>
        <p className="field-help">Models kept with the digit forger&apos;s &ldquo;Keep for the detection lab&rdquo; button: they stay in this browser&apos;s storage (nothing is uploaded) until you forget them.</p>
        {keptProblem ? <p className="field-help field-error">{keptProblem}</p> : null}
        {kept && kept.length > 0 ? (
          <ul className="own-forger-list" data-testid="kept-forgers">
            {kept.map((entry) => (
              <li key={entry.id}>
                <span className="own-forger-name">{entry.name}</span>
                <span className="field-help">{entry.steps.toLocaleString('en-US')} steps, kept {keptWhen(entry.keptAt)}, {kilobytes(entry.size)}</span>
                <span className="button-row">
                  <button type="button" className="button-secondary" disabled={disabled || busy} data-testid="kept-forger-use"
                    onClick={() => void loadForger(entry.name, () => keptForgerBytes(entry.id))}>Use</button>
                  <button type="button" className="button-secondary" disabled={busy} data-testid="kept-forger-forget"
                    aria-label={`Forget ${entry.name}`} onClick={() => void forget(entry)}>Forget</button>
                </span>
              </li>
            ))}
          </ul>
        ) : kept ? <p className="field-help" data-testid="kept-forgers-none">None kept yet.</p> : null}
      </div>
    </div>
  );
}
