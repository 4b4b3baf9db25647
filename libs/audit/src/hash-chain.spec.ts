import { hashEvent, verifyChain, type ChainedEvent } from './hash-chain';

function chain(count: number): ChainedEvent[] {
  const events: ChainedEvent[] = [];
  let previousHash: string | null = null;
  for (let revision = 0; revision < count; revision++) {
    const partial = {
      id: `e${revision}`,
      streamId: 'customer-1',
      revision,
      type: 'TransactionRecorded',
      data: { amount: { amount: `${revision}.00`, currency: 'CNY' } },
    };
    const metadata = { occurredAt: '2026-01-01T00:00:00.000Z', previousHash };
    const hash = hashEvent({ ...partial, metadata });
    events.push({ ...partial, metadata: { ...metadata, hash } });
    previousHash = hash;
  }
  return events;
}

function at(events: ChainedEvent[], index: number): ChainedEvent {
  const event = events[index];
  if (!event) throw new Error(`no event ${index}`);
  return event;
}

describe('the per-stream hash chain (design.md §5)', () => {
  it('an untouched stream verifies', () => {
    expect(verifyChain(chain(5))).toEqual({ valid: true, events: 5 });
  });

  it('changed data breaks the chain at that event', () => {
    const events = chain(5);
    events[2] = { ...at(events, 2), data: { amount: { amount: '999.00', currency: 'CNY' } } };
    expect(verifyChain(events)).toEqual({ valid: false, events: 5, brokenAt: { revision: 2, reason: 'hash-mismatch' } });
  });

  it('an event rewritten with a fresh own hash is caught by its successor', () => {
    const events = chain(4);
    const forged = { ...at(events, 1), data: { forged: true } };
    events[1] = { ...forged, metadata: { ...forged.metadata, hash: hashEvent(forged) } };
    expect(verifyChain(events)).toMatchObject({ valid: false, brokenAt: { revision: 2, reason: 'previous-hash-mismatch' } });
  });

  it('a removed event is a revision gap', () => {
    const events = chain(4);
    events.splice(1, 1);
    expect(verifyChain(events)).toMatchObject({ valid: false, brokenAt: { revision: 1, reason: 'revision-gap' } });
  });

  it('key order does not change the hash', () => {
    const event = at(chain(1), 0);
    const reordered = { ...event, data: JSON.parse('{"amount":{"currency":"CNY","amount":"0.00"}}') };
    expect(hashEvent(reordered)).toBe(event.metadata.hash);
  });
});
