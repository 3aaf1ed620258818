/**
 * Runs at most `max` asynchronous tasks at a time, the others in the order they were queued.
 *
 * `aigov check` analyzes each resource while the program goes on registering others; without a
 * limit every registration of a large program would open its own gRPC call to every pack at once,
 * and the calls waiting on the pack would hold their streams and buffers in memory.
 */
export class ConcurrencyLimit {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly max: number) {
    if (!Number.isInteger(max) || max < 1) {
      throw new RangeError(`a concurrency limit must be a positive integer, got ${max}`);
    }
  }

  /** Tasks started and not yet settled. */
  get active(): number {
    return this.running;
  }

  /** Tasks waiting for a slot. */
  get queued(): number {
    return this.waiting.length;
  }

  /** Runs `task` when a slot is free; settles as the task does. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.max) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) {
        next(); // the slot passes to the next task
      } else {
        this.running--;
      }
    }
  }
}
