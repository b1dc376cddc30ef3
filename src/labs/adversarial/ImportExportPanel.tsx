/**
 * Taking results away (the link, samples, curves, the plot) and the shared panel that saves
 * the trained model and brings one back (ModelFilePanel.tsx).
 */
import type { RefObject } from 'react';
import { samplesToCsv } from '../../core/points/pointsCsv';
import { metricsToCsv } from '../../core/shared/metricsCsv';
import { METRIC_COLUMNS } from '../../protocol/adversarial/adversarialProtocol';
import { downloadBlob, downloadText } from '../shared/download';
import { messageOf } from '../shared/messageOf';
import { ModelFilePanel, type ModelFilePanelProps } from '../shared/ModelFilePanel';
import { ShareLinkPanel } from '../shared/ShareLinkPanel';
import type { GanFrame, MetricPoint } from '../../protocol/adversarial/adversarialProtocol';
import type { MainPlotHandle } from './views/MainPlot';

export interface ImportExportPanelProps {
  frame: GanFrame | null;
  metrics: MetricPoint[];
  plotRef: RefObject<MainPlotHandle | null>;
  /** Saving the model being trained and loading one back. */
  model: ModelFilePanelProps;
  /** The shareable address of the current experiment. */
  link: string;
  /** True when training on your own points, which a link cannot carry. */
  ownPoints: boolean;
  onNotice(kind: 'error' | 'success', text: string): void;
}

export function ImportExportPanel(props: ImportExportPanelProps) {
  const { frame, onNotice } = props;
  const step = frame?.steps ?? 0;

  const run = (what: string, task: () => Promise<void> | void) => async () => {
    try {
      await task();
    } catch (error) {
      onNotice('error', `${what} failed: ${messageOf(error)}`);
    }
  };

  return (
    <>
      <h3 className="subheading">Share</h3>
      <ShareLinkPanel link={props.link} onNotice={onNotice}
        help="The address bar always holds every setting, the visible layers and the experiment, so the link replays this set-up."
        leftOut={props.ownPoints ? 'Your own points are not part of the link: use "Save this model", which includes them, to share them.' : null} />

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
      </div>
      <p className="field-help">
        Samples: the real and generated points now on the plot. Training curves: every number the charts show.
      </p>

      <h3 className="subheading">Save and load</h3>
      <ModelFilePanel {...props.model}
        saveHelp={<>Downloads the weights and all settings (your own points too) as a <code>.json</code> file, to load here again later.</>}
        loadHelp={<>
          A file saved with "Save this model". It replaces the current networks and settings, with the weights and step count exactly
          as saved. It does not hold the optimiser's memory (Adam's running averages, momentum) or the random-number state, so training
          on from here is a new run that starts from those weights, not the same run carried on.
        </>} />
    </>
  );
}
