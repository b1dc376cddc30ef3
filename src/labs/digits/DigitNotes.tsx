/** The short notes beside a digit view, each under its own heading ("What it shows", "Watch for"). */
import type { ReactNode } from 'react';

export function DigitNotes({ notes }: { notes: readonly (readonly [title: string, text: ReactNode])[] }) {
  return (
    <div className="digit-explain explain">
      {notes.map(([title, text]) => (
        <div key={title}>
          <h3>{title}</h3>
          <p>{text}</p>
        </div>
      ))}
    </div>
  );
}
