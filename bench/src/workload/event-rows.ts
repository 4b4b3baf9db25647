import { InMemoryEventStore } from '@rapport/event-store';
import { customerStreamId, systemClock } from '@rapport/kernel';
import { createCustomerProcessor } from '../../../apps/rapport/src/wiring/customer-processor';
import type { ScriptedCommand } from '../../../apps/rapport-cli/src/demo/demo-scenario';
import { benchContext } from './customer-mix';
import type { EventRow } from './event-rows-file';

/**
 * The events each segment of the workload's commands appends, as rows: the same decider, metadata and hash
 * chain as the service (its own processor wiring), on the in-memory store. Personal data is
 * not sealed here (no key store), so acquisition rows are a little shorter than Rapport's.
 */
export async function eventRowsFor(segments: readonly (readonly ScriptedCommand[])[]): Promise<EventRow[][]> {
  const store = new InMemoryEventStore();
  const processor = createCustomerProcessor(store, systemClock);
  const rowsPerSegment: EventRow[][] = [];
  let sequence = 0;
  for (const commands of segments) {
    const after = await store.headPosition();
    for (const step of commands) {
      await processor.execute(customerStreamId(step.command.customerId), step.command, benchContext(sequence++));
    }
    const events = await store.readAll({ afterPosition: after, maxCount: Number.MAX_SAFE_INTEGER });
    rowsPerSegment.push(
      events.map((event) => [
        event.streamId,
        event.revision,
        event.id,
        event.type,
        JSON.stringify(event.data),
        JSON.stringify(event.metadata),
      ]),
    );
  }
  return rowsPerSegment;
}
