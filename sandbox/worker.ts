/**
 * Runs the sandbox's background work: due proposal/activation steps and due callbacks. Polls at
 * a fixed interval (which also resumes work left by a previous run after a restart) and can be
 * woken for a specific due time so short delays are kept precisely.
 */
import { deliverDueCallbacks } from "./callbacks/deliver";
import type { SandboxContext } from "./context";
import { runDueSteps } from "./flow/run-step";

type Loop = () => Promise<number>;

export class Worker {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();
  private stopped = false;
  private readonly loops: Record<string, Loop>;

  constructor(private readonly ctx: SandboxContext) {
    this.loops = { steps: () => runDueSteps(ctx), callbacks: () => deliverDueCallbacks(ctx) };
  }

  start(): void {
    const tick = () => {
      if (this.stopped) return;
      this.kick();
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        tick();
      }, this.ctx.config.workerIntervalMs);
      this.timers.add(timer);
    };
    tick();
  }

  /** Runs the loops now, or at `at` (plus a little, so the row is due by the database clock). */
  wake(at?: Date): void {
    if (this.stopped) return;
    const delay = at ? Math.max(0, at.getTime() - Date.now() + 5) : 0;
    if (delay === 0) {
      setImmediate(() => this.kick());
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.kick();
    }, delay);
    this.timers.add(timer);
  }

  private kick(): void {
    for (const name of Object.keys(this.loops)) this.run(name);
  }

  private run(name: string): void {
    if (this.stopped) return;
    if (this.running.has(name)) {
      this.again.add(name);
      return;
    }
    const loop = this.loops[name]!;
    const work = (async () => {
      try {
        // Keep going while full batches come back; then one more pass if woken meanwhile.
        while (!this.stopped && (await loop()) > 0);
      } catch (error) {
        this.ctx.log(`worker ${name}: ${(error as Error).message}`);
      }
    })().finally(() => {
      this.running.delete(name);
      if (this.again.delete(name)) this.run(name);
    });
    this.running.set(name, work);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await Promise.all(this.running.values());
  }
}
