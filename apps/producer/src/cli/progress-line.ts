/** One overwritten terminal line: sent, current rate, errors. Only used when stdout is a TTY. */
export class ProgressLine {
  private lastAt: number;
  private lastSent = 0;

  constructor(
    private readonly stream: NodeJS.WriteStream,
    now: number,
  ) {
    this.lastAt = now;
  }

  update(now: number, sent: number, acked: number, failed: number, targetRate: number): void {
    const seconds = Math.max(0.001, (now - this.lastAt) / 1000);
    const rate = Math.round((sent - this.lastSent) / seconds);
    this.lastAt = now;
    this.lastSent = sent;
    this.stream.write(
      `\r\x1b[2Ksent ${sent.toLocaleString('en-US')}  acked ${acked.toLocaleString('en-US')}  ` +
        `rate ${rate.toLocaleString('en-US')}/s (target ${targetRate.toLocaleString('en-US')}/s)  errors ${failed}`,
    );
  }

  finish(): void {
    this.stream.write('\n');
  }
}
