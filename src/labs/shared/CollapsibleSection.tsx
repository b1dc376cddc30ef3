/** A group of controls that folds away, with a one-line summary of what it is for. */
import type { ReactNode } from 'react';

export function CollapsibleSection(props: { title: string; intro?: ReactNode; defaultOpen?: boolean; children: ReactNode }) {
  return (
    <details className="section" open={props.defaultOpen}>
      <summary>
        <h2 className="section-title">{props.title}</h2>
      </summary>
      <div className="section-body">
        {props.intro ? <p className="section-intro">{props.intro}</p> : null}
        {props.children}
      </div>
    </details>
  );
}
