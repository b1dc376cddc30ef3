/**
 * Slow motion beside the plot: which stage of the iteration is running, as a
 * compact numbered list, and what happens in it. The model diagram lights up
 * the same stage, but it sits below the plot, off screen on most projectors.
 */
import { SLOW_MOTION_STAGES, type SlowMotionStage } from '../slowMotionScript';
import './views.css';

export interface SlowMotionCardProps {
  stage: SlowMotionStage;
  iteration: number;
}

export function SlowMotionCard({ stage, iteration }: SlowMotionCardProps) {
  const index = SLOW_MOTION_STAGES.indexOf(stage);
  return (
    <div className="slow-card" data-testid="slow-motion-card">
      <p className="slow-card-heading">Slow motion · iteration {iteration}</p>
      <ol className="slow-stages">
        {SLOW_MOTION_STAGES.map((s, i) => (
          <li key={s.stage} className={i === index ? 'current' : i < index ? 'done' : undefined} aria-current={i === index ? 'step' : undefined}>
            <span className="slow-stage-number" aria-hidden="true">{i + 1}</span>
            {s.title}
          </li>
        ))}
      </ol>
      <p className="slow-card-caption">{stage.caption}</p>
    </div>
  );
}

/** The sentence a screen reader hears when the stage changes. */
export function slowMotionAnnouncement(stage: SlowMotionStage | null, iteration: number): string {
  if (!stage) return '';
  const number = SLOW_MOTION_STAGES.indexOf(stage) + 1;
  return `Iteration ${iteration}, stage ${number} of ${SLOW_MOTION_STAGES.length}: ${stage.title}. ${stage.caption}`;
}
