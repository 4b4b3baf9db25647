/** What GET /v1/projections answers, as far as waiting for the read side needs. */
export interface ProjectionsView {
  readonly head: number;
  readonly projections: readonly { readonly position: number }[];
}

/**
 * Waits until the read side is at rest: every projection and the saga feed at the head, and still
 * so, at the same head, a moment later. A saga reacts to what the feed publishes by appending,
 * after the feed's checkpoint has moved: one look at the positions can fall between the two.
 * Returns the head it rests at.
 */
export async function readSideAtRest(view: () => Promise<ProjectionsView>, timeoutMs = 15_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let restingAt: number | undefined;
  while (Date.now() < deadline) {
    const { head, projections } = await view();
    const isCaughtUp = head > 0 && projections.every((p) => p.position >= head);
    if (isCaughtUp && restingAt === head) return head;
    restingAt = isCaughtUp ? head : undefined;
    await new Promise((resolve) => setTimeout(resolve, isCaughtUp ? 300 : 50));
  }
  throw new Error(`the read side did not come to rest in ${timeoutMs / 1000} s`);
}
