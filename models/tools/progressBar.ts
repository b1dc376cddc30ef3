/**
 * A one-line progress bar for the model-training scripts, on stderr so stdout
 * stays clean for results. Redraws at most ~5 times a second; when stderr is
 * not a terminal (CI logs) it prints a plain line every 10% instead.
 */
export class ProgressBar {
  private readonly started = performance.now();
  private lastDraw = 0;
  private lastDecile = -1;

  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {}

  update(done: number, detail = ''): void {
    const now = performance.now();
    const fraction = Math.min(done / this.total, 1);
    const elapsed = (now - this.started) / 1000;
    const eta = done > 0 ? (elapsed * (this.total - done)) / done : 0;
    const text = `${this.label} ${Math.round(fraction * 100)
      .toString()
      .padStart(3)}% ${done}/${this.total} ${formatSeconds(elapsed)} elapsed, ${formatSeconds(eta)} left ${detail}`;
    if (this.stream.isTTY) {
      if (now - this.lastDraw < 200 && done < this.total) return;
      this.lastDraw = now;
      const width = 24;
      const filled = Math.round(fraction * width);
      this.stream.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${text}`.slice(0, (this.stream.columns || 120) - 1).padEnd((this.stream.columns || 120) - 1));
    } else {
      const decile = Math.floor(fraction * 10);
      if (decile === this.lastDecile) return;
      this.lastDecile = decile;
      this.stream.write(`${text}\n`);
    }
  }

  finish(detail = ''): void {
    this.lastDraw = 0;
    this.update(this.total, detail);
    if (this.stream.isTTY) this.stream.write('\n');
  }
}

export function formatSeconds(seconds: number): string {
  const s = Math.round(seconds);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${(s % 60).toString().padStart(2, '0')}s`;
}
