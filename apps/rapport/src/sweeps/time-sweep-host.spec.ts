import type { AppConfig } from '../config';
import type { OwnedWork } from '../ownership/owned-work';
import { TimeSweepHost } from './time-sweep-host';
import type { SweepReport, TimeSweep } from './time-sweeps';

const NOW = new Date('2026-07-01T00:00:00.000Z');
const clock = { now: () => NOW };

class RecordingSweep implements TimeSweep {
  readonly instants: string[] = [];
  constructor(
    readonly name: string,
    private readonly outcome: 'report' | 'throw' = 'report',
  ) {}
  async sweep(now: string): Promise<SweepReport> {
    this.instants.push(now);
    if (this.outcome === 'throw') throw new Error('read model down');
    return { commands: 1, appended: 0 };
  }
}

/** OwnedWork as an instance that holds (or does not hold) the sweeps' lease. */
const ownership = (isOwner: boolean) =>
  ({
    runIfOwner: async (_name: string, work: () => Promise<void>) => {
      if (isOwner) await work();
      return isOwner;
    },
  }) as unknown as OwnedWork;

const host = (sweeps: TimeSweep[], sweepIntervalMs?: number, isOwner = true) =>
  new TimeSweepHost(sweeps, clock, { ...(sweepIntervalMs === undefined ? {} : { sweepIntervalMs }) } as AppConfig, ownership(isOwner));

describe('the time-sweep host', () => {
  afterEach(() => jest.useRealTimers());

  it('runs every sweep at the instant given, and one failing sweep does not stop the others', async () => {
    const failing = new RecordingSweep('failing', 'throw');
    const working = new RecordingSweep('working');
    const reports = await host([failing, working]).runAll('2026-07-02T00:00:00.000Z');
    expect(failing.instants).toEqual(['2026-07-02T00:00:00.000Z']);
    expect(working.instants).toEqual(['2026-07-02T00:00:00.000Z']);
    expect(reports).toEqual({ working: { commands: 1, appended: 0 } });
  });

  it('runs the sweeps on the timer at the clock instant, every interval', async () => {
    jest.useFakeTimers();
    const sweep = new RecordingSweep('recording');
    const running = host([sweep], 1_000);
    running.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(1_000);
    expect(sweep.instants).toEqual([NOW.toISOString()]);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(sweep.instants).toHaveLength(2);
    await running.beforeApplicationShutdown();
    await jest.advanceTimersByTimeAsync(5_000);
    expect(sweep.instants).toHaveLength(2);
  });

  it('sweeps only on the instance that holds the sweeps lease', async () => {
    jest.useFakeTimers();
    const sweep = new RecordingSweep('recording');
    const standby = host([sweep], 1_000, false);
    standby.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(3_000);
    expect(sweep.instants).toEqual([]);
    await standby.beforeApplicationShutdown();
  });

  it('defaults to one run a minute', async () => {
    jest.useFakeTimers();
    const sweep = new RecordingSweep('recording');
    const running = host([sweep]);
    running.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(59_999);
    expect(sweep.instants).toEqual([]);
    await jest.advanceTimersByTimeAsync(1);
    expect(sweep.instants).toHaveLength(1);
    await running.beforeApplicationShutdown();
  });

  it('never runs with an interval of 0', async () => {
    jest.useFakeTimers();
    const sweep = new RecordingSweep('recording');
    host([sweep], 0).onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(600_000);
    expect(sweep.instants).toEqual([]);
  });

  it('skips a tick while the previous run is still going', async () => {
    jest.useFakeTimers();
    let finish: () => void = () => undefined;
    const slow: TimeSweep & { calls: number } = {
      name: 'slow',
      calls: 0,
      sweep() {
        this.calls += 1;
        return new Promise((resolve) => {
          finish = () => resolve({ commands: 0, appended: 0 });
        });
      },
    };
    const running = host([slow], 1_000);
    running.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(3_000);
    expect(slow.calls).toBe(1);
    finish();
    await jest.advanceTimersByTimeAsync(1_000);
    expect(slow.calls).toBe(2);
    finish();
    await running.beforeApplicationShutdown();
  });
});
