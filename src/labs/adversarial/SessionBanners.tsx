/** Banners about the state of training: diverged, worker stopped, or edits waiting to be applied. */

export function DivergenceBanner(props: { message: string; onRestore(): void }) {
  return (
    <div className="banner banner-danger" data-testid="divergence-banner" role="alert">
      <div>
        <h2 className="banner-title">Training blew up</h2>
        <p>{props.message}</p>
      </div>
      <button type="button" className="button-primary" onClick={props.onRestore}>
        Restore last good state
      </button>
    </div>
  );
}

export function WorkerStoppedBanner(props: { reason: string; onRestart(): void }) {
  return (
    <div className="banner banner-danger" role="alert" data-testid="worker-stopped-banner">
      <div>
        <h2 className="banner-title">Training stopped</h2>
        <p>The training worker stopped: {props.reason}</p>
        <p>
          Restart starts training again from the seed with the current settings. The trained weights are lost, unless you saved them
          earlier with "Save trained model".
        </p>
      </div>
      <button type="button" className="button-primary" onClick={props.onRestart}>
        Restart
      </button>
    </div>
  );
}

export function PendingChangesBar(props: { problems: string[]; onApply(): void; onDiscard(): void }) {
  const blocked = props.problems.length > 0;
  return (
    <div className="banner banner-info" role="status">
      <div>
        <p>
          {blocked
            ? "These settings can't be used together yet:"
            : 'You changed some settings while training runs. They take effect when you apply them, which restarts training from the seed.'}
        </p>
        {blocked ? (
          <ul>
            {props.problems.map((p) => <li key={p}>{p}</li>)}
          </ul>
        ) : null}
      </div>
      <div className="button-row">
        <button type="button" className="button-primary" onClick={props.onApply} disabled={blocked}>
          Apply &amp; reset
        </button>
        <button type="button" className="button-secondary" onClick={props.onDiscard}>
          Undo changes
        </button>
      </div>
    </div>
  );
}
