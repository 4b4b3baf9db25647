import { writeSync } from 'node:fs';
import type { ReadModelStore } from '@rapport/read-models';
import { CHECKPOINTS } from '@rapport/read-models';

export const CRASH_HOOK_LINE = 'crash hook: SIGKILL after projection documents were written, before their checkpoints';

/**
 * A test hook (RAPPORT_TEST_CRASH_AFTER_DOCUMENTS, crash e2e): the store as the live projector
 * writes it, killing this process with SIGKILL right after the write that brings the projection
 * documents written (checkpoints not counted) to `limit` or more. That write is part of a batch
 * whose checkpoints are not yet written: the crash lands mid-batch, where the test wants it.
 */
export function crashingAfterDocuments(store: ReadModelStore, limit: number): ReadModelStore {
  let written = 0;
  return {
    get: (collection, id) => store.get(collection, id),
    getMany: (collection, ids) => store.getMany(collection, ids),
    find: (collection, query) => store.find(collection, query),
    write: async (batch, fence) => {
      const result = await store.write(batch, fence);
      written += batch.filter((c) => c.collection !== CHECKPOINTS).reduce((sum, c) => sum + c.writes.length, 0);
      if (written >= limit) {
        // Synchronous, so the line is out before the process dies.
        writeSync(2, `${CRASH_HOOK_LINE} (${written} documents)\n`);
        process.kill(process.pid, 'SIGKILL');
      }
      return result;
    },
  };
}
