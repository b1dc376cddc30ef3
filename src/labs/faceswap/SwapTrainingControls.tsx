/** How the two autoencoders learn: the optimizer, the batches, the loss, the random warp and the seed. */
import { SCHEDULES, SWAP_LIMITS, type FaceSwapSettings, type Schedule } from '../../core/faceswap/faceSwapSettings';
import { CheckboxField, NumberField, SelectField } from '../shared/formFields';

const SCHEDULE_LABELS: Record<Schedule, string> = { joint: 'Both at once', alternate: 'Take turns (A, then B)' };
const SCHEDULE_HELP: Record<Schedule, string> = {
  joint: 'Each step lowers the sum of both reconstruction errors in one update. Quick and steady.',
  alternate: 'Each step updates the encoder and decoder A on A\'s batch, then the encoder and decoder B on B\'s, as the original deepfakes script did.',
};

export function SwapTrainingControls(props: { settings: FaceSwapSettings; onEdit(next: FaceSwapSettings): void }) {
  const { settings, onEdit } = props;
  const set = <K extends keyof FaceSwapSettings>(key: K) => (value: FaceSwapSettings[K]) => onEdit({ ...settings, [key]: value });
  return (
    <>
      <NumberField label="Learning rate" value={settings.learningRate} min={SWAP_LIMITS.learningRate.min} max={SWAP_LIMITS.learningRate.max}
        testId="learning-rate" help="How big each change to the weights is (Adam). Too small: slow; too large: the pictures blow up."
        onChange={set('learningRate')} />
      <div className="field-row">
        <NumberField label="Adam β1" value={settings.beta1} min={SWAP_LIMITS.beta.min} max={SWAP_LIMITS.beta.max} testId="beta1"
          help="Momentum: how much of the past gradients each step keeps (0.9 usual)." onChange={set('beta1')} />
        <NumberField label="Adam β2" value={settings.beta2} min={SWAP_LIMITS.beta.min} max={SWAP_LIMITS.beta.max} testId="beta2"
          help="How long Adam remembers gradient sizes (0.999 usual)." onChange={set('beta2')} />
      </div>
      <NumberField label="Batch size (pictures per character)" value={settings.batchSize} min={SWAP_LIMITS.batchSize.min} max={SWAP_LIMITS.batchSize.max}
        integer testId="batch-size" help="Pictures of each character per step. Bigger batches give steadier but slower steps."
        onChange={set('batchSize')} />
      <SelectField label="Schedule" value={settings.schedule} options={SCHEDULES.map((value) => ({ value, label: SCHEDULE_LABELS[value] }))}
        testId="schedule" help={SCHEDULE_HELP[settings.schedule]} onChange={set('schedule')} />
      <NumberField label="SSIM weight" value={settings.ssimWeight} min={SWAP_LIMITS.ssimWeight.min} max={SWAP_LIMITS.ssimWeight.max} testId="ssim-weight"
        help="Adds a structural-similarity term to the pixel error, which rewards sharp edges over blur. 0 = pixel error only."
        onChange={set('ssimWeight')} />
      <NumberField label="Eyes-and-mouth priority" value={settings.featurePriority} min={SWAP_LIMITS.featurePriority.min}
        max={SWAP_LIMITS.featurePriority.max} testId="feature-priority"
        help="Extra weight on the pixels of the eyes, brows and mouth (a digit's strokes), where expression lives. 0 = every pixel alike."
        onChange={set('featurePriority')} />
      <CheckboxField label="Randomly warp the encoder's input" checked={settings.warp}
        help="Bends each input picture a little (the target stays straight), so the networks must learn faces rather than copy pixels."
        onChange={set('warp')} />
      {settings.warp ? (
        <div className="field-row">
          <NumberField label="Warp strength" value={settings.warpStrength} min={SWAP_LIMITS.warpStrength.min} max={SWAP_LIMITS.warpStrength.max}
            testId="warp-strength" help="Largest shift, as a share of the picture's side (0.05 = 5%)." onChange={set('warpStrength')} />
          <NumberField label="Warp grid" value={settings.warpGrid} min={SWAP_LIMITS.warpGrid.min} max={SWAP_LIMITS.warpGrid.max} integer
            testId="warp-grid" help="Control points per side: more gives finer, wobblier bends." onChange={set('warpGrid')} />
        </div>
      ) : null}
      <NumberField label="Seed" value={settings.seed} min={SWAP_LIMITS.seed.min} max={SWAP_LIMITS.seed.max} integer testId="seed"
        help="Picks the starting weights, the pictures and the warps. Same seed, same run." onChange={set('seed')} />
    </>
  );
}
