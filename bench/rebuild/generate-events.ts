import Database from 'better-sqlite3';
import { createHash, randomUUID } from 'node:crypto';
import {
  createCustomerDecider,
  EVENT_SCHEMA_VERSIONS,
  type CustomerCommand,
  type CustomerEvent,
  type CustomerState,
} from '@rapport/customer-domain';
import { SqliteEventStore } from '@rapport/event-store';
import { customerStreamId } from '@rapport/kernel';
import { customerScript } from '../../apps/rapport-cli/src/demo/demo-scenario';

const WINDOW_START = new Date('2025-01-01T00:00:00.000Z');
const WINDOW_END = new Date('2026-07-01T00:00:00.000Z');
/** Sealed personal data of the size Rapport stores with each acquisition (the domain never opens it). */
const SEALED = { keyId: 'key-0000', iv: 'aXYtMTIzNDU2Nzg5MA==', ciphertext: 'Q'.repeat(168), tag: 'dGFnLTEyMzQ1Njc4OTAxMg==' };
const CHUNK = 20_000;

/**
 * Writes `target` events into a fresh SQLite event store file: the demo generator's customer lives
 * (18 months of business time) merged in time order and decided by the real decider, so the event
 * mix and payloads are the service's own. Rows go in with large transactions: the store's own
 * append path would take minutes for a million and is not what this bench measures.
 */
export async function generateEvents(file: string, target: number): Promise<{ events: number; customers: number }> {
  await SqliteEventStore.open(file, { synchronous: 'NORMAL' }).close();
  const commands = scripts(target);
  const db = new Database(file);
  db.pragma('synchronous = OFF');
  const insert = db.prepare('INSERT INTO events (stream_id, revision, event_id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)');
  const decider = createCustomerDecider();
  const states = new Map<string, { state: CustomerState; revision: number; hash: string | null }>();
  let written = 0;
  const write = db.transaction((slice: readonly CustomerCommand[]) => {
    for (const command of slice) {
      if (written >= target) return;
      const stream = states.get(command.customerId) ?? { state: decider.initialState, revision: -1, hash: null };
      const decision = decider.decide(command, stream.state);
      if (!Array.isArray(decision)) continue;
      for (const event of decision as readonly CustomerEvent[]) {
        const id = randomUUID();
        const hash = createHash('sha256').update(id).digest('hex');
        const metadata = {
          correlationId: id,
          causationId: id,
          actor: 'bench',
          channel: 'bench',
          occurredAt: event.data.occurredAt,
          recordedAt: event.data.occurredAt,
          schemaVersion: EVENT_SCHEMA_VERSIONS[event.type],
          previousHash: stream.hash,
          hash,
        };
        stream.revision += 1;
        stream.hash = hash;
        stream.state = decider.evolve(stream.state, event);
        insert.run(
          customerStreamId(command.customerId),
          stream.revision,
          id,
          event.type,
          JSON.stringify(event.data),
          JSON.stringify(metadata),
        );
        written += 1;
      }
      states.set(command.customerId, stream);
    }
  });
  for (let start = 0; start < commands.length && written < target; start += CHUNK) write(commands.slice(start, start + CHUNK));
  db.close();
  return { events: written, customers: states.size };
}

/** Customer scripts until there are a few more commands than events wanted (some are refused), merged by business time. */
function scripts(target: number): CustomerCommand[] {
  const all: CustomerCommand[] = [];
  for (let n = 0; all.length < target * 1.05; n++) {
    for (const step of customerScript(`B${String(n).padStart(7, '0')}`, 1000 + n, WINDOW_START, WINDOW_END)) {
      all.push(
        step.command.type === 'AcquireCustomer' ? { ...step.command, data: { ...step.command.data, personal: SEALED } } : step.command,
      );
    }
  }
  return all.sort((a, b) => (a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : 0));
}
