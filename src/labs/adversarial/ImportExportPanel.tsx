/**
 * Taking results away (samples, curves, the plot, trained weights) and
 * bringing a saved model back. A file that cannot be read is refused with the
 * reason, and the current session carries on untouched.
 */
import { useState, type RefObject } from 'react';
import { samplesToCsv } from '../../core/pointsCsv';
import { metricsToCsv } from '../../core/metricsCsv';
import { downloadBlob, downloadText } from '../../app/download';
import type { GanFrame, MetricPoint } from './adversarialProtocol';
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
        ? 'Link copied. Your own points are not part of it: export a checkpoint to share them.'
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
          onClick={run('Exporting the training curves', () => downloadText('deepfake-lab-metrics.csv', metricsToCsv(props.metrics), 'text/csv'))}>
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
            downloadText(`deepfake-lab-checkpoint-step-${step}.json`, await props.exportCheckpoint(), 'application/json');
          })}>
          Trained model (JSON)
        </button>
      </div>
      <p className="field-help">
        Samples: the real and generated points now on the plot. Training curves: every number the charts show. Trained model: the weights
        and all settings, which you can load again below.
      </p>

      <h3 className="subheading">Load a trained model</h3>
      <div className="field">
        <label htmlFor="checkpoint-import">Load a trained model file (.json)</label>
        <input
          id="checkpoint-import"
          type="file"
          accept=".json,application/json"
          data-testid="checkpoint-import"
          aria-describedby="checkpoint-import-help"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (!file) return;
            void run(`Loading "${file.name}"`, async () => {
              await props.importCheckpoint(await file.text());
              onNotice('success', `Loaded "${file.name}". Press Play to keep training it.`);
            })();
          }}
        />
        <p className="field-help" id="checkpoint-import-help">
          A file saved with "Trained model" above. It replaces the current networks and settings.
        </p>
      </div>
    </>
  );
}
