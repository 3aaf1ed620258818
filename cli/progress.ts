/** Minimum time between two redraws of the progress line. */
const REDRAW_MS = 80;

/** A one-line progress display on stderr: only on a terminal, and never with `--quiet`. */
export class Progress {
  private registered = 0;
  private analyzed = 0;
  private phase = "";
  private lastDraw = 0;

  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly enabled: boolean,
  ) {}

  static forStderr(quiet: boolean): Progress {
    return new Progress(process.stderr, !quiet && process.stderr.isTTY === true);
  }

  resourceRegistered(): void {
    this.registered++;
    this.draw(false);
  }

  resourceAnalyzed(): void {
    this.analyzed++;
    this.draw(false);
  }

  /** Names what is happening now (`running the program`, `analyzing the stack`). */
  setPhase(phase: string): void {
    this.phase = phase;
    this.draw(true);
  }

  /** Clears the line. */
  done(): void {
    if (this.enabled && this.lastDraw > 0) {
      this.stream.write("\r\x1b[K");
    }
  }

  private draw(force: boolean): void {
    const now = Date.now();
    if (!this.enabled || (!force && now - this.lastDraw < REDRAW_MS)) {
      return;
    }
    this.lastDraw = now;
    const analyzed = `${this.analyzed} analyzed`;
    const counts =
      this.registered > 0
        ? `${this.registered} resources registered, ${analyzed}`
        : `resources: ${analyzed}`;
    this.stream.write(`\r\x1b[K${this.phase ? `${this.phase}: ` : ""}${counts}`);
  }
}
