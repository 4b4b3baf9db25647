import type { ProjectorHost } from '../../projections/projector-host';
import { ReadGate } from './read-gate';

const HEAD = 40;

/** A projector whose `segments` projection stands at `position`; outdated: its documents have an older shape until rebuilt to `rebuiltTo`. */
function projector(state: { readonly position: number; readonly isOutdated: boolean; readonly rebuiltTo?: number }): ProjectorHost {
  const host: Pick<ProjectorHost, 'positionOf' | 'waitFor' | 'isOutdated'> = {
    positionOf: () => (state.isOutdated ? (state.rebuiltTo ?? 0) : state.position),
    waitFor: async (_names, position) => (state.isOutdated ? (state.rebuiltTo ?? 0) : state.position) >= position,
    isOutdated: () => state.isOutdated,
  };
  return host as ProjectorHost;
}

const gate = (host: ProjectorHost) => new ReadGate(host, { headPosition: async () => HEAD });
const oldShape = async () => {
  throw new TypeError('Cannot convert undefined to a BigInt');
};

describe('reading a read model', () => {
  it('of the current shape, without minPosition: answers at once from the documents', async () => {
    expect(await gate(projector({ position: 35, isOutdated: false })).read(['segments'], undefined, async () => 'page')).toEqual({
      kind: 'found',
      body: 'page',
      position: 35,
    });
  });

  it('outdated by an upgrade and not rebuilt within the wait: behind the head (503), never read from old-shape documents', async () => {
    expect(await gate(projector({ position: 35, isOutdated: true })).read(['segments'], undefined, oldShape)).toEqual({
      kind: 'behind',
      position: 0,
      minPosition: HEAD,
    });
  });

  it('outdated, and rebuilt to the head within the wait: answers from the rebuilt documents', async () => {
    const rebuilt = projector({ position: 35, isOutdated: true, rebuiltTo: HEAD });
    expect(await gate(rebuilt).read(['segments'], undefined, async () => 'page')).toEqual({ kind: 'found', body: 'page', position: HEAD });
  });
});
