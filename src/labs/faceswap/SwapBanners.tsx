/** Banners about the state of training: still loading, diverged (with the last good weights put back), worker stopped, edits waiting. */

export function SwapLoadingBanner(props: { message: string }) {
  return (
    <div className="banner banner-info digit-loading" role="status" data-testid="loading-banner">
      <p><span className="digit-spinner" aria-hidden="true" />{props.message}</p>
    </div>
  );
}

export function SwapDivergenceBanner(props: { message: string; onReset(): void; onTryAgain(): void }) {
  return (
    <div className="banner banner-danger" role="alert" data-testid="divergence-banner">
      <div>
        <h2 className="banner-title">Training blew up</h2>
        <p>{props.message}</p>
        <p>Reset starts again with the same settings; "Keep training" carries on from the weights that were put back.</p>
      </div>
      <div className="button-row">
        <button type="button" className="button-primary" onClick={props.onReset}>Reset</button>
        <button type="button" className="button-secondary" data-testid="try-again" onClick={props.onTryAgain}>Keep training</button>
      </div>
    </div>
  );
}

export function SwapWorkerStoppedBanner(props: { reason: string; onRestart(): void }) {
  return (
    <div className="banner banner-danger" role="alert" data-testid="worker-stopped-banner">
      <div>
        <h2 className="banner-title">Training stopped</h2>
        <p>The training worker stopped: {props.reason}</p>
        <p>Restart starts the worker again with the current settings; the trained weights are lost.</p>
      </div>
      <button type="button" className="button-primary" onClick={props.onRestart}>Restart</button>
    </div>
  );
}

export function SwapPendingBar(props: { problems: string[]; startChanged: string | null; onApply(): void; onDiscard(): void }) {
  const blocked = props.problems.length > 0;
  return (
    <div className="banner banner-info" role="status" data-testid="pending-changes">
      <div>
        <p>
          {blocked
            ? "These settings can't be used yet:"
            : 'You changed some settings. They take effect when you apply them, which starts training again.'}
        </p>
        {blocked ? <ul>{props.problems.map((p) => <li key={p}>{p}</li>)}</ul> : null}
        {props.startChanged ? <p>{props.startChanged}</p> : null}
      </div>
      <div className="button-row">
        <button type="button" className="button-primary" onClick={props.onApply} disabled={blocked} data-testid="apply-reset">
          Apply &amp; reset
        </button>
        <button type="button" className="button-secondary" onClick={props.onDiscard}>Undo changes</button>
      </div>
    </div>
  );
}
