/**
 * Taking results away (samples, curves, the plot, trained weights) and
 * bringing a saved model back. A file that cannot be read is refused with the
 * reason, and the current session carries on untouched.
 */
import { useState, type RefObject } from 'react';
import { samplesToCsv } from '../../core/adversarial/pointsCsv';
import { metricsToCsv } from '../../core/shared/metricsCsv';
import { METRIC_COLUMNS } from '../../protocol/adversarial/adversarialProtocol';
import { downloadBlob, downloadText } from '../shared/download';
import type { GanFrame, MetricPoint } from '../../protocol/adversarial/adversarialProtocol';
import type { MainPlotHandle } from './views/MainPlot';
import { messageOf } from './useAdversarialSession';

export interface ImportExportPanelProps {
  frame: GanFrame | null;
  metrics: MetricPoint[];
  plotRef: RefObject<MainPlotHandle | null>;
  exportCheckpoint(): Promise<string>;
  importCheckpoint(text: string): Promise<void>;
  /** The shareable address of the current experiment. */
  link: string;
  /** True when training on your own points, which a link cannot carry. */
  ownPoints: boolean;
  onNotice(kind: 'error' | 'success', text: string): void;
}

export function ImportExportPanel(props: ImportExportPanelProps) {
  const { frame, onNotice } = props;
  const step = frame?.generatorSteps ?? 0;
  const [manualLink, setManualLink] = useState<string | null>(null);
  // Shown under the file input as well as at the top, which may be scrolled out of sight.
  const [loadError, setLoadError] = useState<string | null>(null);

  const run = (what: string, task: () => Promise<void> | void) => async () => {
    try {
      await task();
    } catch (error) {
      onNotice('error', `${what} failed: ${messageOf(error)}`);
    }
  };

  const copyLink = async () => {
    try {
      await navigator.clipboard.writeText(props.link);
      setManualLink(null);
      onNotice('success', props.ownPoints
        ? 'Link copied. Your own points are not part of it: use "Save trained model", which includes them, to share them.'
        : 'Link copied. Anyone who opens it gets exactly these settings.');
    } catch {
      // Clipboard access needs a secure page; offer the link to copy by hand instead.
      setManualLink(props.link);
    }
  };

  return (
    <>
      <h3 className="subheading">Share</h3>
      <p className="field-help">The address bar always holds every setting, the visible layers and the experiment, so the link replays this set-up.</p>
      <div className="button-row">
        <button type="button" className="button-secondary" onClick={copyLink}>Copy link</button>
      </div>
      {manualLink ? (
        <div className="field">
          <label htmlFor="manual-link">Copy this link by hand</label>
          <input id="manual-link" type="text" readOnly value={manualLink} onFocus={(e) => e.target.select()} />
        </div>
      ) : null}

      <h3 className="subheading">Download</h3>
      <div className="button-grid">
        <button type="button" className="button-secondary" data-testid="export-samples-csv" disabled={!frame}
          onClick={run('Exporting the samples', () => {
            if (!frame) return;
            downloadText(`deepfake-lab-samples-step-${step}.csv`, samplesToCsv(frame.reals, frame.fakes), 'text/csv');
          })}>
          Samples (CSV)
        </button>
        <button type="button" className="button-secondary" data-testid="export-metrics-csv"
          onClick={run('Exporting the training curves', () => downloadText('deepfake-lab-metrics.csv', metricsToCsv(props.metrics, METRIC_COLUMNS), 'text/csv'))}>
          Training curves (CSV)
        </button>
        <button type="button" className="button-secondary" data-testid="export-plot-png"
          onClick={run('Saving the plot', async () => {
            const handle = props.plotRef.current;
            if (!handle) throw new Error('the plot is not ready yet');
            downloadBlob(`deepfake-lab-plot-step-${step}.png`, await handle.toPngBlob());
          })}>
          Plot (PNG)
        </button>
        <button type="button" className="button-secondary" data-testid="export-checkpoint"
          onClick={run('Saving the trained model', async () => {
            downloadText(`deepfake-lab-trained-model-step-${step}.json`, await props.exportCheckpoint(), 'application/json');
          })}>
          Save trained model
        </button>
      </div>
      <p className="field-help">
        Samples: the real and generated points now on the plot. Training curves: every number the charts show. Save trained model: the
        weights and all settings as a .json file, which "Load trained model" below brings back.
      </p>

      <h3 className="subheading">Load</h3>
      <div className="field">
        <label htmlFor="checkpoint-import">Load trained model (.json)</label>
        <input
          id="checkpoint-import"
          type="file"
          accept=".json,application/json"
          data-testid="checkpoint-import"
          aria-describedby={loadError ? 'checkpoint-import-error checkpoint-import-help' : 'checkpoint-import-help'}
          aria-invalid={loadError ? true : undefined}
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (!file) return;
            setLoadError(null);
            void (async () => {
              try {
                await props.importCheckpoint(await file.text());
                onNotice('success', `Loaded "${file.name}". Press Play to train it further.`);
              } catch (error) {
                const message = `Loading "${file.name}" failed: ${messageOf(error)}`;
                setLoadError(message);
                onNotice('error', message);
              }
            })();
          }}
        />
        {loadError ? <p className="field-error" id="checkpoint-import-error" data-testid="checkpoint-import-error">{loadError}</p> : null}
        <p className="field-help" id="checkpoint-import-help">
          A file saved with "Save trained model". It replaces the current networks and settings, with the weights and step count exactly
          as saved. It does not hold the optimiser's memory (Adam's running averages, momentum) or the random-number state, so training
          on from here is a new run that starts from those weights, not the same run carried on.
        </p>
      </div>
    </>
  );
}
