import { SEGMENT_MEMBERS, type Filter, type ReadModelStore, type SegmentMember, type Stamped } from '@rapport/read-models';

const PAGE = 1000;

/**
 * Visits segment members in id order from `after`, a page at a time, until the visitor says stop.
 * Returns whether documents remain after the last one visited.
 */
export async function scanMembers(
  store: ReadModelStore,
  filter: Filter,
  after: string | undefined,
  visit: (member: Stamped<SegmentMember>) => boolean,
): Promise<boolean> {
  let cursor = after;
  for (;;) {
    const page = await store.find<Stamped<SegmentMember>>(SEGMENT_MEMBERS, { filter, limit: PAGE, ...(cursor ? { after: cursor } : {}) });
    for (const [index, member] of page.documents.entries()) {
      if (!visit(member)) return index < page.documents.length - 1 || page.next !== null;
    }
    if (page.next === null) return false;
    cursor = page.next;
  }
}
