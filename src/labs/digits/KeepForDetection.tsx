/**
 * "Keep for the detection lab": stores the model being trained (the very bytes "Save this model"
 * downloads) in this browser's storage, where the detection lab lists it as a forger to catch.
 */
import { useId, useState } from 'react';
import { CollapsibleSection } from '../shared/CollapsibleSection';
import { keepForger } from '../shared/keptForgers';
import { messageOf } from '../shared/messageOf';

export interface KeepForDetectionProps {
  steps: number;
  ready: boolean;
  save(): Promise<Uint8Array>;
  onNotice(kind: 'error' | 'success', text: string): void;
}

export function KeepForDetection({ steps, ready, save, onNotice }: KeepForDetectionProps) {
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [kept, setKept] = useState<string | null>(null);
  const keep = async () => {
    setBusy(true);
    try {
      const entry = await keepForger(`digit-forger-step-${steps}`, steps, await save());
      const text = `Kept “${entry.name}” in this browser: open the detection lab and use it under “Your own forger”.`;
      setKept(text);
      onNotice('success', text);
    } catch (error) {
      onNotice('error', `The model could not be kept for the detection lab: ${messageOf(error)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <CollapsibleSection title="Detection lab" intro="Can a detector catch the forger you trained?">
      <div className="button-row">
        <button type="button" className="button-secondary" data-testid="keep-for-detection" disabled={!ready || busy}
          aria-describedby={`${id}-help`} onClick={() => void keep()}>
          Keep for the detection lab
        </button>
      </div>
      <p className="field-help" id={`${id}-help`}>
        Stores this model (the same file &ldquo;Save this model&rdquo; downloads) in this browser only, where the detection lab lists it under &ldquo;Your own forger&rdquo;.
      </p>
      {kept ? <p className="field-help" role="status" data-testid="keep-for-detection-done">{kept}</p> : null}
    </CollapsibleSection>
  );
}
