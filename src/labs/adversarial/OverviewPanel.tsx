/** The model overview diagram, with the clicked part's explanation and settings beside it. */
import type { GanSettings } from '../../core/pointGan/ganSettings';
import { ModelOverview, type IterationStage, type OverviewPart } from './views/ModelOverview';
import { OVERVIEW_EXPLANATIONS } from './views/overviewExplanations';
import { ACTIVATION_LABELS, DATASET_LABELS, LOSS_LABELS, NOISE_LABELS } from './views/settingLabels';
import { describeShape, networkShape } from './settingsEdits';

/** The settings that belong to a part of the diagram, as label/value pairs. */
export function partSettings(part: OverviewPart, s: GanSettings): [string, string][] {
  const optimizer = (net: GanSettings['generator']) =>
    net.optimizer === 'adam' ? `Adam (β1 ${net.beta1}, β2 ${net.beta2})` : net.momentum > 0 ? `SGD, momentum ${net.momentum}` : 'SGD';
  switch (part) {
    case 'noise':
      return [['Noise dimension', String(s.noiseDim)], ['Distribution', NOISE_LABELS[s.noiseKind]], ['Batch size', String(s.batchSize)]];
    case 'generator':
      return [['Shape', describeShape(networkShape(s, 'generator'))], ['Activation', ACTIVATION_LABELS[s.generator.activation]], ['Optimizer', optimizer(s.generator)], ['Learning rate', String(s.generator.learningRate)]];
    case 'discriminator':
      return [['Shape', describeShape(networkShape(s, 'discriminator'))], ['Activation', ACTIVATION_LABELS[s.discriminator.activation]], ['Optimizer', optimizer(s.discriminator)], ['Learning rate', String(s.discriminator.learningRate)], ['Steps per G step', String(s.dSteps)]];
    case 'reals':
      return [['Data', DATASET_LABELS[s.dataset]], ['Seed', String(s.seed)]];
    case 'fakes':
      return [['Batch size', String(s.batchSize)]];
    case 'predictions':
      return [['Packing', s.packing === 1 ? 'off' : `${s.packing} samples per verdict`], ['Real label', s.realLabel === 1 ? '1 (no smoothing)' : `${s.realLabel} (smoothed)`]];
    case 'discriminatorLoss':
    case 'generatorLoss':
      return [['Loss', LOSS_LABELS[s.loss]], ...(s.loss === 'wganGp' ? [['Gradient penalty λ', String(s.gpWeight)] as [string, string]] : [])];
  }
}

export interface OverviewPanelProps {
  settings: GanSettings;
  activeStage: IterationStage | null;
  selected: OverviewPart | null;
  onSelect(part: OverviewPart | null): void;
}

export function OverviewPanel({ settings, activeStage, selected, onSelect }: OverviewPanelProps) {
  const explanation = selected ? OVERVIEW_EXPLANATIONS[selected] : null;
  return (
    <section className="panel overview-panel" aria-labelledby="overview-heading">
      <h2 id="overview-heading" className="panel-title">How the model fits together</h2>
      <div className="overview-layout">
        <div className="overview-diagram">
          <ModelOverview settings={settings} activeStage={activeStage} selected={selected} onSelect={(part) => onSelect(part === selected ? null : part)} />
          <p className="field-help">
            Solid arrows carry samples forward; dashed arrows carry the learning signal back. Click any part to learn what it does. Slow
            motion lights up each stage in turn.
          </p>
        </div>
        <aside className="overview-side" aria-live="polite" aria-label="About the selected part">
          {explanation && selected ? (
            <>
              <h3>{explanation.title}</h3>
              <p>{explanation.text}</p>
              <dl className="part-settings">
                {partSettings(selected, settings).map(([label, value]) => (
                  <div key={label}>
                    <dt>{label}</dt>
                    <dd>{value}</dd>
                  </div>
                ))}
              </dl>
              <button type="button" className="button-secondary" onClick={() => onSelect(null)}>Close</button>
            </>
          ) : (
            <p className="muted">Select a part of the diagram to see what it does and how it is set up.</p>
          )}
        </aside>
      </div>
    </section>
  );
}
