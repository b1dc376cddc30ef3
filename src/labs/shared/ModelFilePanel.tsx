/**
 * Saving the model being trained as a file, and loading one back, in every lab. A file the
 * worker cannot read as this lab's model is refused with the reason, shown under the input
 * (and among the notices), and the current model trains on.
 */
import { useId, useState, type ReactNode } from 'react';
import { downloadBlob } from './download';
import { FileField } from './formFields';
import { messageOf } from './messageOf';

/** The widest, largest model any lab allows is about 25 MB in a file; anything far bigger is not one. */
export const MAX_MODEL_FILE_BYTES = 64 * 1024 * 1024;

const megabytes = (n: number) => `${Math.round(n / (1024 * 1024))} MB`;

/** Why a file of this size is not read at all, or null. */
export function modelFileSizeProblem(name: string, bytes: number): string | null {
  if (bytes <= MAX_MODEL_FILE_BYTES) return null;
  return `"${name}" is ${megabytes(bytes)}, more than any model the lab saves (${megabytes(MAX_MODEL_FILE_BYTES)}), so it was not read. The current model is unchanged.`;
}

/** How a lab writes its model files: the JSON text of a checkpoint, or a binary weights bundle. */
const FORMATS = {
  json: { extension: '.json', accept: '.json,application/json', mimeType: 'application/json' },
  weights: { extension: '.weights', accept: '.weights,application/octet-stream', mimeType: 'application/octet-stream' },
} as const;

export interface ModelFilePanelProps {
  /** The saved file's name before "-step-<steps>", e.g. "deepfake-lab-face-swap". */
  fileStem: string;
  format: keyof typeof FORMATS;
  /** Steps trained so far, for the file name. */
  steps: number;
  ready: boolean;
  save(): Promise<Uint8Array>;
  /** Loads a file with its own settings; rejects with the reason when it cannot (nothing changes then). */
  load(name: string, bytes: Uint8Array): Promise<unknown>;
  onNotice(kind: 'error' | 'success', text: string): void;
  /** What the file holds, where the lab has more to say. */
  saveHelp?: ReactNode;
  /** What loading one does, where the lab has more to say. */
  loadHelp?: ReactNode;
}

/** What the panel needs of a lab's session (useTrainingSession.ts). */
interface FileSession {
  frame: { steps: number } | null;
  ready: boolean;
  saveModel(): Promise<Uint8Array>;
}

/** The panel's props for a lab's session, loading through `load` (the settings editor's loadFile, or the lab's own around it). */
export function sessionFiles(session: FileSession, load: ModelFilePanelProps['load'], words: Omit<ModelFilePanelProps, 'steps' | 'ready' | 'save' | 'load'>): ModelFilePanelProps {
  return { ...words, steps: session.frame?.steps ?? 0, ready: session.ready, save: session.saveModel, load };
}

export function ModelFilePanel(props: ModelFilePanelProps) {
  const { ready, save, load, onNotice } = props;
  const { extension, accept, mimeType } = FORMATS[props.format];
  const id = useId();
  const [busy, setBusy] = useState(false);
  // Shown under the file input as well as among the notices, which may be scrolled out of sight.
  const [loadError, setLoadError] = useState<string | null>(null);

  const saveFile = async () => {
    setBusy(true);
    try {
      const bytes = await save();
      downloadBlob(`${props.fileStem}-step-${props.steps}${extension}`, new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mimeType }));
    } catch (error) {
      onNotice('error', `Saving the model failed: ${messageOf(error)}`);
    } finally {
      setBusy(false);
    }
  };

  const loadFile = async (file: File) => {
    setLoadError(null);
    const tooBig = modelFileSizeProblem(file.name, file.size);
    if (tooBig) {
      setLoadError(tooBig);
      onNotice('error', tooBig);
      return;
    }
    setBusy(true);
    try {
      await load(file.name, new Uint8Array(await file.arrayBuffer()));
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
        <button type="button" className="button-secondary" data-testid="model-save" disabled={!ready || busy} aria-describedby={`${id}-save-help`}
          onClick={() => void saveFile()}>
          Save this model
        </button>
      </div>
      <p className="field-help" id={`${id}-save-help`}>
        {props.saveHelp ?? <>Downloads the weights, the settings and the step count as a <code>{extension}</code> file, to load here again later.</>}
      </p>
      <FileField id="model-load" label="Load a saved model" accept={accept} error={loadError} onFile={(file) => void loadFile(file)}
        help={props.loadHelp ?? 'A file saved with the button above. It brings its own settings; Reset then goes back to it.'} />
    </>
  );
}
