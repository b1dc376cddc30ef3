/** The warning shown on the plot when many fakes have left it (they would otherwise just vanish). */

/** Below this share a few stray points are normal noise, not worth a banner. */
export const OUTSIDE_SHARE_SHOWN = 0.02;

export function outsideMessage({ outside, total }: { outside: number; total: number }): string | null {
  if (total === 0 || outside / total < OUTSIDE_SHARE_SHOWN) return null;
  const percent = Math.round((100 * outside) / total);
  return outside === total
    ? 'All generated points are outside the view'
    : `${percent}% of generated points are outside the view`;
}
