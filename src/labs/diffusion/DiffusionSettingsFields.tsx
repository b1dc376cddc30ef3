/** The diffusion lab's settings sections: the data, the objective and its schedule, the denoiser, and training. */
import {
  DIFFUSION_LIMITS, emaOn, type DiffusionDataset, type DiffusionObjective, type DiffusionSettings, type NoiseScheduleKind,
} from '../../core/diffusion/diffusionSettings';
import { CheckboxField, NumberField, SelectField, optionsOf } from '../shared/formFields';
import type { SettingsSection } from '../shared/ImageLabControls';

interface FieldsProps {
  settings: DiffusionSettings;
  onEdit(next: DiffusionSettings): void;
}

const DATASET_LABELS: Record<DiffusionDataset, string> = {
  ring: 'Ring of 8 clusters',
  grid: 'Grid of 25 clusters',
  moons: 'Two moons',
  spiral: 'Spiral',
};

const OBJECTIVE_LABELS: Record<DiffusionObjective, string> = {
  epsilon: 'Predict the noise (DDPM)',
  velocity: 'Predict the velocity (flow matching)',
};

const SCHEDULE_LABELS: Record<NoiseScheduleKind, string> = {
  cosine: 'Cosine (Nichol & Dhariwal)',
  linear: 'Linear (Ho et al.)',
};

const L = DIFFUSION_LIMITS;

function DataFields({ settings, onEdit }: FieldsProps) {
  return (
    <SelectField label="Data" value={settings.dataset} options={optionsOf(DATASET_LABELS)} testId="dataset" handOffFocus
      help="The real points the model learns to forge, the same shapes as in the adversarial lab."
      onChange={(dataset) => onEdit({ ...settings, dataset })} />
  );
}

function ObjectiveFields({ settings, onEdit }: FieldsProps) {
  return (
    <>
      <SelectField label="Objective" value={settings.objective} options={optionsOf(OBJECTIVE_LABELS)} testId="objective" handOffFocus
        help={settings.objective === 'epsilon'
          ? 'The network sees a noised point and guesses the noise that was added (Ho et al. 2020).'
          : 'The network learns the speed and direction along a straight line from data to noise (Lipman et al. 2023).'}
        onChange={(objective) => onEdit({ ...settings, objective })} />
      <SelectField label="Noise schedule" value={settings.schedule} options={optionsOf(SCHEDULE_LABELS)} testId="schedule" handOffFocus
        disabled={settings.objective === 'velocity'}
        help={settings.objective === 'velocity'
          ? 'Flow matching mixes data and noise along a straight line, so it needs no schedule.'
          : 'How fast the data fades: the cosine schedule keeps more of it in the middle steps.'}
        onChange={(schedule) => onEdit({ ...settings, schedule })} />
      <NumberField label="Diffusion steps T" value={settings.timesteps} {...L.timesteps} integer testId="timesteps"
        help="How many small noising steps lead from the data to pure noise; the walk back has as many at most."
        onChange={(timesteps) => onEdit({ ...settings, timesteps })} />
    </>
  );
}

function DenoiserFields({ settings, onEdit }: FieldsProps) {
  const width = settings.hidden[0];
  return (
    <>
      <NumberField label="Layer width" value={width} {...L.width} integer testId="width"
        help="Neurons in each hidden layer: wider learns finer shapes but trains slower."
        onChange={(w) => onEdit({ ...settings, hidden: settings.hidden.map(() => w) })} />
      <NumberField label="Hidden layers" value={settings.hidden.length} min={L.hiddenLayers.min} max={L.hiddenLayers.max} integer testId="layers"
        help="How many hidden layers the denoiser has."
        onChange={(n) => onEdit({ ...settings, hidden: Array.from({ length: n }, () => width) })} />
      <NumberField label="Time embedding size" value={settings.timeEmbedding} {...L.timeEmbedding} integer step={2}
        help="How many sine and cosine waves tell the network the time t (an even number)."
        onChange={(timeEmbedding) => onEdit({ ...settings, timeEmbedding })} />
    </>
  );
}

function TrainingFields({ settings, onEdit }: FieldsProps) {
  return (
    <>
      <NumberField label="Batch size" value={settings.batchSize} {...L.batchSize} integer testId="batch"
        help="Real points noised and learned from in each step: more make each step steadier and the samples sharper, at some cost in speed."
        onChange={(batchSize) => onEdit({ ...settings, batchSize })} />
      <NumberField label="Learning rate" value={settings.learningRate} {...L.learningRate} step="any" testId="learning-rate"
        help="Adam's step size: too high and the loss jumps about, too low and learning crawls."
        onChange={(learningRate) => onEdit({ ...settings, learningRate })} />
      <CheckboxField label="Sample with the weights' average (EMA)" checked={emaOn(settings)}
        help="The weights jitter a little with every step, so big diffusion models draw with their average over the last thousand or so steps (as DDPM does); here the small network is still improving fast, and the average, lagging behind it, rarely draws sharper."
        onChange={(ema) => onEdit({ ...settings, ema })} />
      <NumberField label="Seed" value={settings.seed} {...L.seed} integer testId="seed"
        help="Fixes the starting weights and the random draws, so a run can be repeated exactly."
        onChange={(seed) => onEdit({ ...settings, seed })} />
    </>
  );
}

export const DIFFUSION_SECTIONS: readonly SettingsSection<DiffusionSettings>[] = [
  { title: 'Data', intro: 'The 2D points to forge.', Fields: DataFields },
  { title: 'Objective', intro: 'What the network learns to predict, and how the data turns into noise.', Fields: ObjectiveFields },
  { title: 'Denoiser', intro: 'A small network that reads a point and the time t.', Fields: DenoiserFields },
  { title: 'Training', intro: 'How each training step is taken.', Fields: TrainingFields },
];
