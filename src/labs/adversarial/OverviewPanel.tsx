/** The model overview diagram, with the clicked part's explanation and settings beside it. */
import type { GanSettings } from '../../core/ganSettings';
import { ModelOverview, type IterationStage, type OverviewPart } from './views/ModelOverview';
import { OVERVIEW_EXPLANATIONS } from './views/overviewExplanations';
import { describeShape, networkShape } from './settingsEdits';

const LOSS_NAMES: Record<GanSettings['loss'], string> = {
  minimax: 'minimax (saturating)',
  nonSaturating: 'non-saturating',
  leastSquares: 'least squares',
  wganGp: 'WGAN-GP',
  hinge: 'hinge',
};

const DATASET_NAMES: Record<GanSettings['dataset'], string> = {
  ring: 'ring of Gaussians', grid: 'grid of Gaussians', moons: 'two moons', spiral: 'spiral', line: 'line', blobs: 'two blobs', custom: 'your own points',
};

/** The settings that belong to a part of the diagram, as label/value pairs. */
export function partSettings(part: OverviewPart, s: GanSettings): [string, string][] {
  const optimizer = (net: GanSettings['generator']) =>
    net.optimizer === 'adam' ? `Adam (β1 ${net.beta1}, β2 ${net.beta2})` : `SGD, momentum ${net.momentum}`;
  switch (part) {
    case 'noise':
      return [['Noise dimension', String(s.noiseDim)], ['Distribution', s.noiseKind], ['Batch size', String(s.batchSize)]];
    case 'generator':
      return [['Shape', describeShape(networkShape(s, 'generator'))], ['Activation', s.generator.activation], ['Optimizer', optimizer(s.generator)], ['Learning rate', String(s.generator.learningRate)]];
    case 'discriminator':
      return [['Shape', describeShape(networkShape(s, 'discriminator'))], ['Activation', s.discriminator.activation], ['Optimizer', optimizer(s.discriminator)], ['Learning rate', String(s.discriminator.learningRate)], ['Steps per G step', String(s.dSteps)]];
    case 'reals':
      return [['Data', DATASET_NAMES[s.dataset]], ['Seed', String(s.seed)]];
    case 'fakes':
      return [['Batch size', String(s.batchSize)]];
    case 'predictions':
      return [['Packing', s.packing === 1 ? 'off' : `${s.packing} samples per verdict`], ['Real label', String(s.realLabel)]];
    case 'discriminatorLoss':
    case 'generatorLoss':
      return [['Loss', LOSS_NAMES[s.loss]], ...(s.loss === 'wganGp' ? [['Gradient penalty λ', String(s.gpWeight)] as [string, string]] : [])];
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
