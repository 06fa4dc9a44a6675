/**
 * Progress on stderr: a bar redrawn in place on a terminal, a plain line now
 * and then otherwise (logs, CI, pipes), so stdout keeps only the report.
 */
export class Progress {
  private readonly started = Date.now();
  private lastPlainLine = 0;
  private drawn = false;

  constructor(
    private readonly total: number,
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly plainEveryMs = 2000,
  ) {}

  private get interactive() {
    return Boolean(this.stream.isTTY);
  }

  update(done: number) {
    const total = Math.max(this.total, done);
    const fraction = total === 0 ? 1 : done / total;
    const seconds = (Date.now() - this.started) / 1000;
    const rate = seconds > 0 ? done / seconds : 0;
    const eta = rate > 0 ? Math.ceil((total - done) / rate) : 0;
    const figures = `${done.toLocaleString('en')}/${total.toLocaleString('en')} users  ${Math.round(rate).toLocaleString('en')}/s`;
    if (this.interactive) {
      const width = 30;
      const filled = Math.round(fraction * width);
      const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
      this.stream.write(`\r\x1b[2K${bar} ${(fraction * 100).toFixed(0).padStart(3)}%  ${figures}  ETA ${eta}s`);
      this.drawn = true;
    } else if (Date.now() - this.lastPlainLine >= this.plainEveryMs || done >= total) {
      this.lastPlainLine = Date.now();
      this.stream.write(`progress: ${figures} (${(fraction * 100).toFixed(0)}%)\n`);
    }
  }

  /** Lets report lines print above the bar without tearing it. */
  clear() {
    if (this.interactive && this.drawn) this.stream.write('\r\x1b[2K');
  }

  finish() {
    if (this.interactive && this.drawn) this.stream.write('\n');
  }
}
