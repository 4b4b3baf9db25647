import type { ExpectedFate, PlannedMessage } from './planned-message';

/** An event as the store holds it, reduced to what accounting needs. */
export interface StoredEventView {
  readonly streamId: string;
  readonly revision: number;
  readonly sourceMessage?: string;
}

export interface DeadLetterView {
  readonly seq: number;
  readonly reason?: string;
  readonly fields?: readonly string[];
  readonly rule?: string;
}

/** Every produced message against where it ended; a clean run has all lists empty and equal counts. */
export interface Accounting {
  readonly produced: Readonly<Record<ExpectedFate, number>>;
  readonly eventsAppended: number;
  readonly deadLettersByReason: Readonly<Record<string, number>>;
  readonly missingEvents: readonly string[];
  readonly unexpectedEvents: readonly string[];
  readonly doubledEvents: readonly string[];
  readonly wrongDeadLetters: readonly string[];
  readonly doubledDeadLetters: readonly number[];
  readonly outOfOrderCustomers: readonly string[];
}

/** Compares the store and the DLQ with the plan, message by message; only events with a source message count. */
export function account(
  planned: readonly PlannedMessage[],
  events: readonly StoredEventView[],
  deadLetters: readonly DeadLetterView[],
): Accounting {
  const appended = planned.filter((message) => message.expected === 'appended');
  const stored = events.filter((event) => event.sourceMessage !== undefined);
  const expectedSources = new Set(appended.map((message) => message.sourceMessage));
  const storedSources = stored.map((event) => event.sourceMessage ?? '');
  const storedSet = new Set(storedSources);
  return {
    produced: countBy(planned, (message) => message.expected) as Record<ExpectedFate, number>,
    eventsAppended: stored.length,
    deadLettersByReason: countBy(deadLetters, (letter) => letter.reason ?? 'none'),
    missingEvents: [...expectedSources].filter((source): source is string => source !== undefined && !storedSet.has(source)),
    unexpectedEvents: storedSources.filter((source) => !expectedSources.has(source)),
    doubledEvents: repeated(storedSources),
    wrongDeadLetters: wrongDeadLetters(planned, deadLetters),
    doubledDeadLetters: repeated(deadLetters.map((letter) => letter.seq)),
    outOfOrderCustomers: outOfOrder(appended, stored),
  };
}

function wrongDeadLetters(planned: readonly PlannedMessage[], deadLetters: readonly DeadLetterView[]): string[] {
  const bySeq = new Map(deadLetters.map((letter) => [letter.seq, letter]));
  const problems: string[] = [];
  for (const message of planned) {
    const letter = bySeq.get(message.seq);
    const isDead = message.expected === 'invalid' || message.expected === 'rejected' || message.expected === 'unreadable';
    if (!isDead) {
      if (letter) problems.push(`#${message.seq} (${message.expected}) was dead-lettered as ${letter.reason}`);
      continue;
    }
    if (!letter) problems.push(`#${message.seq} (${message.expected}) is not in the DLQ`);
    else if (letter.reason !== message.expected) problems.push(`#${message.seq} expected ${message.expected}, DLQ says ${letter.reason}`);
    else if (message.rule !== undefined && letter.rule !== message.rule)
      problems.push(`#${message.seq} expected rule ${message.rule}, DLQ says ${letter.rule}`);
    else if (message.fields !== undefined && JSON.stringify(letter.fields) !== JSON.stringify(message.fields)) {
      problems.push(`#${message.seq} expected fields ${message.fields.join(',')}, DLQ says ${(letter.fields ?? []).join(',')}`);
    }
  }
  return problems;
}

/** Each customer's stored events, in revision order, must be its appended messages in produced order. */
function outOfOrder(appended: readonly PlannedMessage[], stored: readonly StoredEventView[]): string[] {
  const expected = groupBy(
    appended,
    (message) => `customer-${message.customerId}`,
    (message) => message.sourceMessage ?? '',
  );
  const sorted = [...stored].sort((a, b) => a.revision - b.revision);
  const actual = groupBy(
    sorted,
    (event) => event.streamId,
    (event) => event.sourceMessage ?? '',
  );
  return [...expected.keys()].filter((stream) => JSON.stringify(expected.get(stream)) !== JSON.stringify(actual.get(stream) ?? []));
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string, valueOf: (item: T) => string): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const item of items) {
    const key = keyOf(item);
    groups.set(key, [...(groups.get(key) ?? []), valueOf(item)]);
  }
  return groups;
}

function countBy<T>(items: readonly T[], keyOf: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[keyOf(item)] = (counts[keyOf(item)] ?? 0) + 1;
  return counts;
}

function repeated<T>(values: readonly T[]): T[] {
  const seen = new Set<T>();
  return values.filter((value) => (seen.has(value) ? true : (seen.add(value), false)));
}
