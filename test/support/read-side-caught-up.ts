/** What GET /v1/projections answers, as far as waiting for the read side needs. */
export interface ProjectionsView {
  /** The event store's head, read after the positions. */
  readonly head: number;
  readonly projections: readonly { readonly position: number }[];
}

/**
 * Waits until one answer shows every projection and the saga feed at the store's head. The head is
 * read after the positions, and the feed moves only once the commands its sagas issued are
 * appended, so such an answer is a fact: everything stored was applied and nothing is in flight.
 * Fails once the slowest of them has not moved for `stalledMs`: a busy machine only makes the wait
 * longer, a read side that stopped fails it. Returns that head.
 */
export async function readSideCaughtUp(view: () => Promise<ProjectionsView>, stalledMs = 15_000): Promise<number> {
  let slowest = -1;
  let movedAt = Date.now();
  for (;;) {
    const { head, projections } = await view();
    const position = Math.min(...projections.map((p) => p.position));
    if (head > 0 && position >= head) return head;
    if (position > slowest) [slowest, movedAt] = [position, Date.now()];
    else if (Date.now() - movedAt > stalledMs)
      throw new Error(`the read side stopped at position ${slowest} for ${stalledMs / 1000} s, short of the head at ${head}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
