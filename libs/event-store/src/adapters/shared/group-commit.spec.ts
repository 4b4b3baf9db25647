import { GroupCommit, type Settled } from './group-commit';

/** A writer that records each group it is given and answers each request by a rule. */
function recordingWriter(answer: (request: number) => Settled<string>) {
  const groups: number[][] = [];
  const write = (requests: readonly number[]) => {
    groups.push([...requests]);
    return requests.map(answer);
  };
  return { groups, write };
}

const even = (request: number): Settled<string> =>
  request % 2 === 0 ? { ok: true, value: `stored ${request}` } : { ok: false, error: new Error(`odd ${request}`) };

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

  it('fails every request of a group whose write throws', async () => {
    const commit = new GroupCommit<number, string>(() => {
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
});
