import { writeSync } from 'node:fs';

export const SIGNALS_CRASH_HOOK_LINE = 'crash hook: SIGKILL after signals were sent, before their transaction committed';

/**
 * A test hook (RAPPORT_TEST_CRASH_AFTER_SIGNALS, signals e2e): kills this process with SIGKILL once
 * `limit` signals or more were sent, inside the transaction that brings them there, before it
 * commits: the crash lands mid-stream with messages on the topic that no committed reader may see.
 */
export function crashingAfterSignals(limit: number): (sent: number) => void {
  let total = 0;
  return (sent) => {
    total += sent;
    if (total < limit) return;
    // Synchronous, so the line is out before the process dies.
    writeSync(2, `${SIGNALS_CRASH_HOOK_LINE} (${total} signals)\n`);
    process.kill(process.pid, 'SIGKILL');
  };
}
