import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { Lease, type LeaseOptions, type ReadModelStore } from '@rapport/read-models';
import type { AppConfig } from '../config';
import { APP_CONFIG, READ_MODEL_STORE } from '../wiring/tokens';

/** The default for RAPPORT_LEASE_MS: a dead instance's work moves to another within this. */
export const DEFAULT_LEASE_MS = 15_000;

/**
 * The work that exactly one instance may do at a time (issue 16): the live projector, the event
 * feed that drives the sagas, the time sweeps and outbound publishers. Each registers by name and
 * gets a lease on the read-model store (MongoDB with several instances; on the embedded store the
 * one process takes every lease, by the same code). Whatever writes read models writes under the
 * lease's fence; whatever issues commands asks `runIfOwner` first.
 */
@Injectable()
export class OwnedWork implements BeforeApplicationShutdown {
  /** This process, as recorded in the leases it holds. */
  readonly owner = `${hostname()}-${process.pid}-${randomBytes(4).toString('hex')}`;
  private readonly leases = new Map<string, Lease>();
  /** Work whose lease a worker thread of this instance holds, and whether it holds it now. */
  private readonly inWorkers = new Map<string, () => boolean>();
  private readonly watchers = new Set<() => Promise<void>>();
  private readonly durationMs: number;

  constructor(
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.durationMs = config.leaseMs ?? DEFAULT_LEASE_MS;
  }

  /** This instance as a lease holder: a worker thread that holds a lease of its own holds it under these. */
  get leaseOptions(): LeaseOptions {
    return { owner: this.owner, durationMs: this.durationMs };
  }

  /** Registers work whose lease a worker thread of this instance holds (the live projector): held while `isHeld` says so. */
  heldInWorker(name: string, isHeld: () => boolean): void {
    this.inWorkers.set(name, isHeld);
  }

  /** The lease of one named piece of work, made on first use. */
  lease(name: string): Lease {
    let lease = this.leases.get(name);
    if (lease === undefined) {
      lease = new Lease(this.store, name, { owner: this.owner, durationMs: this.durationMs });
      this.leases.set(name, lease);
    }
    return lease;
  }

  /** Runs `work` if this instance holds (or can take) the lease `name`; true if it ran. For timer-driven work such as sweeps. */
  async runIfOwner(name: string, work: () => Promise<void>): Promise<boolean> {
    if ((await this.lease(name).hold()) === null) return false;
    await work();
    return true;
  }

  /**
   * Keeps long-running work (a publisher with a loop of its own) started exactly while this instance
   * holds the lease `name`: looks at the lease at once and then three times per lease duration,
   * starting the work when it is taken and stopping it when it is lost. Returns the stop of the watch.
   */
  whileOwner(name: string, work: { start(): void; stop(): Promise<void> }): () => Promise<void> {
    const lease = this.lease(name);
    let isRunning = false;
    let checking: Promise<void> = Promise.resolve();
    const check = async () => {
      const isHeld = (await lease.hold().catch(() => null)) !== null;
      if (isHeld && !isRunning) work.start();
      if (!isHeld && isRunning) await work.stop();
      isRunning = isHeld;
    };
    const timer = setInterval(() => (checking = checking.then(check)), lease.renewEveryMs);
    timer.unref();
    checking = check();
    const unwatch = async () => {
      clearInterval(timer);
      await checking;
      if (isRunning) await work.stop();
      isRunning = false;
      await lease.release().catch(() => undefined);
      this.watchers.delete(unwatch);
    };
    this.watchers.add(unwatch);
    return unwatch;
  }

  /** The names of the work this instance holds now, for /health. */
  held(): string[] {
    const inWorkers = [...this.inWorkers].filter(([, isHeld]) => isHeld()).map(([name]) => name);
    return [...[...this.leases.values()].filter((lease) => lease.isHeld).map((lease) => lease.name), ...inWorkers];
  }

  registered(): string[] {
    return [...this.leases.keys(), ...this.inWorkers.keys()];
  }

  /** Hands every lease over at once on a graceful stop, so the next owner need not wait for them to expire. */
  async beforeApplicationShutdown(): Promise<void> {
    for (const unwatch of [...this.watchers]) await unwatch();
    await Promise.all([...this.leases.values()].map((lease) => lease.release().catch(() => undefined)));
  }
}
