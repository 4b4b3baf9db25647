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
 * Returns that head.
 */
export async function readSideCaughtUp(view: () => Promise<ProjectionsView>, timeoutMs = 15_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { head, projections } = await view();
    if (head > 0 && projections.every((p) => p.position >= head)) return head;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the read side did not reach the head of the store in ${timeoutMs / 1000} s`);
}
