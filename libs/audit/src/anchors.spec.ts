import { randomBytes } from 'node:crypto';
import { anchorKeyPair, findAnchorMismatch, signAnchor, verifyAnchorLog, type Anchor } from './anchors';

const keys = anchorKeyPair(randomBytes(32));
const heads = [{ streamId: 'customer-1', revision: 2, hash: 'h2' }];

function chain(count: number): Anchor[] {
  const anchors: Anchor[] = [];
  for (let sequence = 0; sequence < count; sequence++) {
    anchors.push(
      signAnchor(
        { sequence, position: 10 * sequence, anchoredAt: '2026-03-01T00:00:00.000Z', previous: anchors.at(-1)?.digest ?? null, heads },
        keys.privateKey,
      ),
    );
  }
  return anchors;
}

describe('anchors', () => {
  it('a chain signed with the key verifies with its public half', () => {
    expect(verifyAnchorLog(chain(3), keys.publicKey)).toEqual({ valid: true, anchors: 3 });
  });

  it.each([
    ['an altered head', (a: Anchor[]) => [a[0], { ...a[1], heads: [{ ...heads[0], hash: 'forged' }] }, a[2]], 1, 'digest-mismatch'],
    [
      'an anchor signed with another key',
      (a: Anchor[]) => [a[0], signAnchor({ ...a[1], heads: [] }, anchorKeyPair(randomBytes(32)).privateKey), a[2]],
      1,
      'bad-signature',
    ],
    ['an anchor left out', (a: Anchor[]) => [a[0], a[2]], 2, 'sequence-gap'],
    ['a chain restarted', (a: Anchor[]) => [a[0], { ...a[1], previous: null }, a[2]], 1, 'previous-mismatch'],
  ])('names %s', (_name, tamper, sequence, reason) => {
    expect(verifyAnchorLog(tamper(chain(3)), keys.publicKey)).toMatchObject({ valid: false, brokenAt: { sequence, reason } });
  });

  it('finds a stream whose anchored event is gone or hashes differently', () => {
    const events = [0, 1, 2].map((revision) => ({ revision, metadata: { hash: `h${revision}` } }));
    const anchored = [{ ...heads[0], sequence: 4 }];
    expect(findAnchorMismatch(events, anchored)).toBeUndefined();
    expect(findAnchorMismatch(events.slice(0, 2), anchored)).toEqual({ revision: 2, sequence: 4, reason: 'missing' });
    expect(findAnchorMismatch([...events.slice(0, 2), { revision: 2, metadata: { hash: 'recomputed' } }], anchored)).toEqual({
      revision: 2,
      sequence: 4,
      reason: 'hash-mismatch',
    });
  });
});
