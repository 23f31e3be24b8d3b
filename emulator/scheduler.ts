// Timers behind every asynchronous behaviour (async actions, campaign generation). All timers are
// unref'd so an idle emulator never holds a process open, and `whenIdle()` lets tests wait for the
// work to finish without sleeping.
export class Scheduler {
  private readonly timers = new Set<NodeJS.Timeout>();
  private pending = 0;
  private waiters: (() => void)[] = [];

  after(ms: number, fn: () => void): void {
    this.pending += 1;
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        try {
          fn();
        } catch (error) {
          // A failing job must not take the server down; it is reported on stderr.
          process.stderr.write(`voucherify-emulator: async job failed: ${String(error)}\n`);
        } finally {
          this.settle();
        }
      },
      Math.max(0, ms),
    );
    timer.unref();
    this.timers.add(timer);
  }

  get busy(): boolean {
    return this.pending > 0;
  }

  whenIdle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Drops every scheduled timer (reset, close). */
  cancelAll(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.pending = 0;
    this.flush();
  }

  private settle(): void {
    this.pending -= 1;
    if (this.pending <= 0) {
      this.pending = 0;
      this.flush();
    }
  }

  private flush(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}
