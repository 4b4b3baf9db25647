import type { AppConfig } from '../config';
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

const host = (sweeps: TimeSweep[], sweepIntervalMs?: number) =>
  new TimeSweepHost(sweeps, clock, { ...(sweepIntervalMs === undefined ? {} : { sweepIntervalMs }) } as AppConfig);

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
