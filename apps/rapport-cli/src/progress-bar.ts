/** A one-line progress bar on stderr: redrawn in place on a terminal, a line every few seconds otherwise. */
export class ProgressBar {
  private readonly startedAt = Date.now();
  private lastDrawAt = 0;
  private done = 0;

  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly unit: string,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {}

  tick(count = 1, extra = ''): void {
    this.done += count;
    const now = Date.now();
    const interval = this.stream.isTTY ? 100 : 5_000;
    if (now - this.lastDrawAt >= interval || this.done >= this.total) {
      this.lastDrawAt = now;
      this.draw(extra);
    }
  }

  finish(summary: string): void {
    if (this.stream.isTTY) this.stream.write('\n');
    this.stream.write(`${this.label}: ${summary}\n`);
  }

  private draw(extra: string): void {
    const fraction = this.total === 0 ? 1 : Math.min(1, this.done / this.total);
    const width = 30;
    const filled = Math.round(fraction * width);
    const seconds = (Date.now() - this.startedAt) / 1000;
    const rate = seconds > 0 ? Math.round(this.done / seconds) : 0;
    const eta = rate > 0 ? Math.round((this.total - this.done) / rate) : 0;
    const line =
      `${this.label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}% ` +
      `${this.done}/${this.total} ${this.unit} ${rate}/s eta ${eta}s ${extra}`;
    this.stream.write(this.stream.isTTY ? `\r${line}` : `${line}\n`);
  }
}
