import { GroupCommit, type Settled } from './group-commit';

/** A writer that records each group it is given and answers each request by a rule. */
function recordingWriter(answer: (request: number) => Settled<string>) {
  const groups: number[][] = [];
  const write = async (requests: readonly number[]) => {
    groups.push([...requests]);
    return requests.map(answer);
  };
  return { groups, write };
}

/** A recording writer that holds its first group until released. */
function holdingWriter(answer: (request: number) => Settled<string>) {
  const groups: number[][] = [];
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  let started: () => void = () => undefined;
  const firstStarted = new Promise<void>((resolve) => (started = resolve));
  const write = async (requests: readonly number[]) => {
    groups.push([...requests]);
    if (groups.length === 1) {
      started();
      await released;
    }
    return requests.map(answer);
  };
  return { groups, write, firstStarted, release };
}

const even = (request: number): Settled<string> =>
  request % 2 === 0 ? { ok: true, value: `stored ${request}` } : { ok: false, error: new Error(`odd ${request}`) };

const endOfTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('group commit', () => {
  it('writes the requests made in one turn of the event loop as one group, in call order', async () => {
    const writer = recordingWriter(even);
    const commit = new GroupCommit(writer.write, 100);
    await Promise.allSettled([0, 2, 4].map((request) => commit.submit(request)));
    await commit.submit(6);
    expect(writer.groups).toEqual([[0, 2, 4], [6]]);
  });

  it('settles each request with its own outcome', async () => {
    const commit = new GroupCommit(recordingWriter(even).write, 100);
    const outcomes = await Promise.allSettled([0, 1, 2].map((request) => commit.submit(request)));
    expect(outcomes).toEqual([
      { status: 'fulfilled', value: 'stored 0' },
      { status: 'rejected', reason: new Error('odd 1') },
      { status: 'fulfilled', value: 'stored 2' },
    ]);
  });

  it('fails every request of a group whose write fails', async () => {
    const commit = new GroupCommit<number, string>(async () => {
      throw new Error('disk full');
    }, 100);
    const outcomes = await Promise.allSettled([0, 2].map((request) => commit.submit(request)));
    expect(outcomes).toEqual([
      { status: 'rejected', reason: new Error('disk full') },
      { status: 'rejected', reason: new Error('disk full') },
    ]);
  });

  it('writes a group as soon as it reaches the maximum size', async () => {
    const writer = recordingWriter(even);
    const commit = new GroupCommit(writer.write, 2);
    await Promise.all([0, 2, 4, 6, 8].map((request) => commit.submit(request)));
    expect(writer.groups).toEqual([[0, 2], [4, 6], [8]]);
  });

  it('writes one group at a time: the requests made over several turns while one is written go together as the next', async () => {
    const writer = holdingWriter(even);
    const commit = new GroupCommit(writer.write, 100);
    const submitted = [commit.submit(0)];
    await writer.firstStarted;
    for (const request of [2, 4, 6]) {
      submitted.push(commit.submit(request));
      await endOfTurn();
    }
    writer.release();
    await Promise.all(submitted);
    expect(writer.groups).toEqual([[0], [2, 4, 6]]);
  });

  it('drain() resolves once every request submitted before it is settled', async () => {
    const writer = holdingWriter(even);
    const commit = new GroupCommit(writer.write, 100);
    const settled: number[] = [];
    const submit = (request: number) => commit.submit(request).then(() => settled.push(request));
    const submitted = [submit(0)];
    await writer.firstStarted;
    submitted.push(submit(2), submit(4));
    const drained = commit.drain().then(() => [...settled]);
    writer.release();
    expect(await drained).toEqual([0, 2, 4]);
    await Promise.all(submitted);
  });
});
