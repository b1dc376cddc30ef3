/**
 * Saving the model being trained as a file, and loading one back. A file that is not a
 * face-swap model the lab saved is refused with the reason, and the current model trains on.
 */
import { useId, useState } from 'react';
import { downloadBlob } from '../shared/download';
import { messageOf } from '../shared/messageOf';

/** The widest, largest model the controls allow is about 25 MB in a file; anything far bigger is not one. */
export const MAX_MODEL_FILE_BYTES = 64 * 1024 * 1024;

export interface SwapFilePanelProps {
  /** Steps trained so far, for the file name. */
  steps: number;
  ready: boolean;
  exportModel(): Promise<Uint8Array>;
  loadFile(name: string, bytes: Uint8Array): Promise<void>;
  onNotice(kind: 'error' | 'success', text: string): void;
}

export function SwapFilePanel({ steps, ready, exportModel, loadFile, onNotice }: SwapFilePanelProps) {
  const id = useId();
  const [busy, setBusy] = useState(false);
  // Shown under the file input as well as at the top of the page, which may be scrolled out of sight.
  const [loadError, setLoadError] = useState<string | null>(null);

  const save = async () => {
    setBusy(true);
    try {
      const bytes = await exportModel();
      downloadBlob(`deepfake-lab-face-swap-step-${steps}.weights`, new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' }));
    } catch (error) {
      onNotice('error', `Saving the model failed: ${messageOf(error)}`);
    } finally {
      setBusy(false);
    }
  };

  const load = async (file: File) => {
    setLoadError(null);
    if (file.size > MAX_MODEL_FILE_BYTES) {
      const mb = (n: number) => `${Math.round(n / (1024 * 1024))} MB`;
      const text = `"${file.name}" is ${mb(file.size)}, more than any model the lab saves (${mb(MAX_MODEL_FILE_BYTES)}), so it was not read. The current model is unchanged.`;
      setLoadError(text);
      onNotice('error', text);
      return;
    }
    setBusy(true);
    try {
      await loadFile(file.name, new Uint8Array(await file.arrayBuffer()));
      onNotice('success', `Loaded "${file.name}" with the settings it was saved with. Press Play to train it further.`);
    } catch (error) {
      const text = `"${file.name}" could not be loaded, so the current model is unchanged: ${messageOf(error)}`;
      setLoadError(text);
      onNotice('error', text);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <div className="button-row">
        <button type="button" className="button-secondary" data-testid="swap-export" disabled={!ready || busy} aria-describedby={`${id}-save-help`}
          onClick={() => void save()}>
          Save this model
        </button>
      </div>
      <p className="field-help" id={`${id}-save-help`}>
        Downloads the weights, the settings, the step count and the scores as a <code>.weights</code> file, to load here again later.
      </p>
      <div className="field">
        <label htmlFor={`${id}-load`}>Load a saved model</label>
        <input id={`${id}-load`} type="file" accept=".weights,application/octet-stream" data-testid="swap-import" disabled={!ready || busy}
          aria-describedby={loadError ? `${id}-load-error ${id}-load-help` : `${id}-load-help`} aria-invalid={loadError ? true : undefined}
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void load(file);
          }} />
        {loadError ? <p className="field-error" id={`${id}-load-error`} data-testid="swap-import-error">{loadError}</p> : null}
        <p className="field-help" id={`${id}-load-help`}>A file saved with the button above. It brings its own settings; Reset then goes back to it.</p>
      </div>
    </>
  );
}
