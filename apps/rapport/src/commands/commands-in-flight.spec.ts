import { CommandsInFlight } from './commands-in-flight';

function deferred(): { promise: Promise<string>; resolve: (value: string) => void; reject: (error: Error) => void } {
  let resolve: (value: string) => void = () => undefined;
  let reject: (error: Error) => void = () => undefined;
  const promise = new Promise<string>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
}

describe('CommandsInFlight: the commands under way, by the event that caused them', () => {
  it('settles for an event once every command it caused has finished, whatever other events caused', async () => {
    const inFlight = new CommandsInFlight();
    const [first, second, other] = [deferred(), deferred(), deferred()];
    for (const [cause, work] of [
      ['e-1', first],
      ['e-1', second],
      ['e-2', other],
    ] as const)
      void inFlight.track(cause, work.promise);
    let isSettled = false;
    const settled = inFlight.settledFor(['e-1']).then(() => (isSettled = true));
    first.resolve('done');
    await first.promise;
    expect(isSettled).toBe(false);
    second.resolve('done');
    await settled;
    expect(isSettled).toBe(true);
    other.resolve('done');
  });

  it('rejects when a command it waits for failed, so the feed hands the batch over again', async () => {
    const inFlight = new CommandsInFlight();
    const work = deferred();
    const tracked = inFlight.track('e-1', work.promise);
    const settled = inFlight.settledFor(['e-1']);
    work.reject(new Error('store down'));
    await expect(tracked).rejects.toThrow('store down');
    await expect(settled).rejects.toThrow('store down');
  });

  it('waits for nothing when the events caused no command, or the command had no cause', async () => {
    const inFlight = new CommandsInFlight();
    void inFlight.track(undefined, new Promise<never>(() => undefined));
    await expect(inFlight.settledFor(['e-3'])).resolves.toBeUndefined();
  });
});
