import { sourceMessageOf } from '../src/cloud-event';
import { binary, structured } from './cloud-event-encoding';
import { customerScript, type ScriptedEvent } from './customer-script';
import { invalidMessage, unreadableMessage, type NoiseRecord } from './noise';
import { SEQ_HEADER, SeededRandom, type PlannedMessage } from './planned-message';

export interface TrafficOptions {
  readonly messages: number;
  readonly seed: number;
  /** Prefix of customer ids, so runs against one store or topic never collide. */
  readonly runId: string;
  readonly invalidShare?: number;
  readonly unreadableShare?: number;
  readonly duplicateShare?: number;
}

type Draft = Omit<PlannedMessage, 'seq' | 'headers'> & { readonly headers: Record<string, string> };

/**
 * Exactly `messages` CloudEvents from several sources, structured and binary, keyed by customer id:
 * customer lives interleaved (each in its own order), with invalid, unreadable, rule-breaking and
 * duplicate messages mixed in. Each carries the fate it must meet.
 */
export function mixedTraffic(options: TrafficOptions): PlannedMessage[] {
  const random = new SeededRandom(options.seed);
  const invalid = Math.round(options.messages * (options.invalidShare ?? 0.05));
  const unreadable = Math.round(options.messages * (options.unreadableShare ?? 0.005));
  const duplicates = Math.round(options.messages * (options.duplicateShare ?? 0.02));
  const scripted = interleave(scripts(options.messages - invalid - unreadable - duplicates, options.runId, random), random);
  const customers = [...new Set(scripted.map((draft) => draft.customerId))];
  const noise = [
    ...Array.from({ length: invalid }, (_, i) => fromNoise(invalidMessage(random.pick(customers), `${options.runId}-bad-${i}`, random))),
    ...Array.from({ length: unreadable }, () => fromNoise(unreadableMessage(random.pick(customers), random))),
  ];
  const withNoise = insertRandomly(scripted, noise, random);
  return addDuplicates(withNoise, duplicates, random).map((draft, seq) => ({
    ...draft,
    seq,
    headers: { ...draft.headers, [SEQ_HEADER]: String(seq) },
  }));
}

function scripts(count: number, runId: string, random: SeededRandom): ScriptedEvent[][] {
  const all: ScriptedEvent[][] = [];
  let total = 0;
  for (let c = 0; total < count; c++) {
    const script = customerScript(`${runId}-C${c}`, random, Date.UTC(2026, 0, 1)).slice(0, count - total);
    all.push(script);
    total += script.length;
  }
  return all;
}

/** Random merge that keeps each customer's own order. */
function interleave(lives: ScriptedEvent[][], random: SeededRandom): Draft[] {
  const queues = lives.map((life) => [...life]);
  const merged: Draft[] = [];
  while (queues.length > 0) {
    const index = random.int(queues.length);
    const queue = queues[index] ?? [];
    const next = queue.shift();
    if (next) merged.push(fromScript(next, random));
    if (queue.length === 0) queues.splice(index, 1);
  }
  return merged;
}

function fromScript(scripted: ScriptedEvent, random: SeededRandom): Draft {
  const { event } = scripted;
  const record = random.chance(0.5) ? structured(event) : binary(event);
  const customerId = event.subject ?? '';
  const base = { customerId, key: customerId, value: record.value, headers: record.headers };
  return scripted.expected === 'appended'
    ? { ...base, expected: 'appended', sourceMessage: sourceMessageOf(event) }
    : { ...base, expected: 'rejected', ...(scripted.rule ? { rule: scripted.rule } : {}) };
}

function fromNoise(noise: NoiseRecord): Draft {
  const { key, record, expected, fields } = noise;
  return { customerId: key ?? '', key, value: record.value, headers: record.headers, expected, ...(fields ? { fields } : {}) };
}

function insertRandomly(base: Draft[], extra: Draft[], random: SeededRandom): Draft[] {
  const result = [...base];
  for (const item of extra) result.splice(random.int(result.length + 1), 0, item);
  return result;
}

/** Exact copies of appended messages, each placed after its original (same key, so same partition, later offset). */
function addDuplicates(drafts: Draft[], count: number, random: SeededRandom): Draft[] {
  const result = [...drafts];
  for (let i = 0; i < count; i++) {
    let index = random.int(result.length);
    while (result[index]?.expected !== 'appended') index = random.int(result.length);
    const original = result[index];
    if (!original) continue;
    const at = index + 1 + random.int(result.length - index);
    result.splice(at, 0, { ...original, expected: 'duplicate' });
  }
  return result;
}
