/** How the two autoencoders learn: the optimizer, the batches, the loss, the random warp and the seed. */
import { SWAP_LIMITS, type FaceSwapSettings, type Schedule } from '../../core/autoencoder/faceSwapSettings';
import { bindSettings } from '../shared/bindSettings';
import { CheckboxField, NumberField, SelectField, optionsOf } from '../shared/formFields';

const SCHEDULE_LABELS: Record<Schedule, string> = { joint: 'Both at once', alternate: 'Take turns (A, then B)' };
const SCHEDULE_HELP: Record<Schedule, string> = {
  joint: 'Each step lowers the sum of both reconstruction errors in one update. Quick and steady.',
  alternate: 'Each step updates the encoder and decoder A on A\'s batch, then the encoder and decoder B on B\'s, as the original deepfakes script did.',
};

export function SwapTrainingControls(props: { settings: FaceSwapSettings; onEdit(next: FaceSwapSettings): void }) {
  const { settings, onEdit } = props;
  const field = bindSettings(settings, onEdit, SWAP_LIMITS);
  return (
    <>
      <NumberField label="Learning rate" {...field.number('learningRate')} testId="learning-rate"
        help="How big each change to the weights is (Adam). Too small: slow; too large: the pictures blow up." />
      <div className="field-row">
        <NumberField label="Adam β1" {...field.number('beta1', SWAP_LIMITS.beta)} testId="beta1"
          help="Momentum: how much of the past gradients each step keeps (0.9 usual)." />
        <NumberField label="Adam β2" {...field.number('beta2', SWAP_LIMITS.beta)} testId="beta2"
          help="How long Adam remembers gradient sizes (0.999 usual)." />
      </div>
      <NumberField label="Batch size (pictures per character)" {...field.number('batchSize')} integer testId="batch-size"
        help="Pictures of each character per step. Bigger batches give steadier but slower steps." />
      <SelectField label="Schedule" {...field.choice('schedule')} options={optionsOf(SCHEDULE_LABELS)} testId="schedule"
        help={SCHEDULE_HELP[settings.schedule]} />
      <NumberField label="SSIM weight" {...field.number('ssimWeight')} testId="ssim-weight"
        help="Adds a structural-similarity term to the pixel error, which rewards sharp edges over blur. 0 = pixel error only." />
      <NumberField label="Eyes-and-mouth priority" {...field.number('featurePriority')} testId="feature-priority"
        help="Extra weight on the pixels of the eyes, brows and mouth (a digit's strokes), where expression lives. 0 = every pixel alike." />
      <CheckboxField label="Randomly warp the encoder's input" checked={settings.warp}
        help="Bends each input picture a little (the target stays straight), so the networks must learn faces rather than copy pixels."
        onChange={field.set('warp')} />
      {settings.warp ? (
        <div className="field-row">
          <NumberField label="Warp strength" {...field.number('warpStrength')} testId="warp-strength"
            help="Largest shift, as a share of the picture's side (0.05 = 5%)." />
          <NumberField label="Warp grid" {...field.number('warpGrid')} integer testId="warp-grid"
            help="Control points per side: more gives finer, wobblier bends." />
        </div>
      ) : null}
      <NumberField label="Seed" {...field.number('seed')} integer testId="seed"
        help="Picks the starting weights, the pictures and the warps. Same seed, same run." />
    </>
  );
}
