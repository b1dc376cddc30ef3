/** The voice lab's training curves: each decoder's reconstruction loss. */
import type { VoiceMetricPoint } from '../../protocol/voice/voiceProtocol';
import { MetricChart } from '../shared/MetricChart';
import { SWAP_SIDE_COLORS } from '../shared/palettes';
import type { VoiceNames } from './VoicePreviewPanel';

export function VoiceMetricsPanel({ metrics, names }: { metrics: VoiceMetricPoint[]; names: VoiceNames }) {
  return (
    <section className="panel metrics-panel voice-curves" aria-labelledby="voice-curves-heading">
      <h2 id="voice-curves-heading">Training curves</h2>
      <p className="panel-intro">
        Reconstruction loss: how far each decoder's rebuilt spectrogram slices are from the real ones (mean squared error of normalised
        log-magnitudes; 1 is no better than each voice's average sound). The clone is never trained directly: it sharpens as these fall.
      </p>
      <div className="metric-grid">
        <MetricChart id="voice-loss" title="Reconstruction loss" points={metrics} stepLabel="training steps" yLabel="mean squared error"
          series={[
            { field: 'lossA', label: `${names.a}'s decoder`, color: SWAP_SIDE_COLORS.a },
            { field: 'lossB', label: `${names.b}'s decoder`, color: SWAP_SIDE_COLORS.b },
          ]} />
      </div>
    </section>
  );
}
