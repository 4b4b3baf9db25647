import { eventIdFromMessage, newEventId } from './event-ids';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-([78])[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const timeOf = (id: string) => Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16);
const AT = Date.parse('2026-03-01T12:00:00.000Z');

describe('event ids', () => {
  it('of commands of our own are version 7 UUIDs of the append instant, random after it', () => {
    const [first, second] = [newEventId(AT), newEventId(AT)];
    expect(first).toMatch(UUID);
    expect(UUID.exec(first)?.[1]).toBe('7');
    expect(timeOf(first)).toBe(AT);
    expect(second).not.toBe(first);
    expect(timeOf(second)).toBe(AT);
    const many = Array.from({ length: 1_000 }, () => newEventId(AT));
    expect(new Set(many).size).toBe(many.length);
    for (const id of many) expect(id).toMatch(UUID);
  });

  it('of upstream messages are version 8 UUIDs of the business time, the same for the same message, stream and place', () => {
    const id = eventIdFromMessage('customer-1', 'core-banking/msg-42', 0, '2026-03-01T12:00:00.000Z');
    expect(id).toMatch(UUID);
    expect(UUID.exec(id)?.[1]).toBe('8');
    expect(timeOf(id)).toBe(AT);
    expect(eventIdFromMessage('customer-1', 'core-banking/msg-42', 0, '2026-03-01T12:00:00.000Z')).toBe(id);
    const others = [
      eventIdFromMessage('customer-2', 'core-banking/msg-42', 0, '2026-03-01T12:00:00.000Z'),
      eventIdFromMessage('customer-1', 'core-banking/msg-43', 0, '2026-03-01T12:00:00.000Z'),
      eventIdFromMessage('customer-1', 'core-banking/msg-42', 1, '2026-03-01T12:00:00.000Z'),
    ];
    expect(new Set([id, ...others]).size).toBe(4);
  });

  it('sort in time order as text, so that an index on them grows at its end', () => {
    const times = [0, 1, 255, 256, AT - 1, AT, AT + 1, 2 ** 48 - 1];
    const ids = times.map((time) => newEventId(time));
    expect([...ids].reverse().sort()).toEqual(ids);
    expect(ids.map(timeOf)).toEqual(times);
    const fromMessages = times.map((time) => eventIdFromMessage('customer-1', `msg-${time}`, 0, new Date(time).toISOString()));
    expect([...fromMessages].reverse().sort()).toEqual(fromMessages);
  });
});
