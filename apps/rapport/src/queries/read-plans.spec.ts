import type { CommandBus } from '@nestjs/cqrs';
import { defaultChurnRiskConfig } from '@rapport/customer-domain';
import { BOUND_LIMIT } from '@rapport/sqlite';
import {
  allProjections,
  CLUSTER_COLLECTIONS,
  CLUSTER_MEMBERS,
  cursorAfter,
  EmbeddedReadModelStore,
  readAllCustomerAnalytics,
  type FindQuery,
  type ReadModelStore,
} from '@rapport/read-models';
import { ChurnRiskSweep } from '../sweeps/churn-risk.sweep';
import { LoyaltyTierSweep } from '../sweeps/loyalty-tier.sweep';
import { scanMembers } from './segments/segment-members.scan';

interface Asked {
  readonly collection: string;
  readonly query: FindQuery;
}

/** The store, with every find it is asked recorded. */
function recording(store: EmbeddedReadModelStore): { asked: Asked[]; store: ReadModelStore } {
  const asked: Asked[] = [];
  const recorded: ReadModelStore = {
    get: (collection, id) => store.get(collection, id),
    getMany: (collection, ids) => store.getMany(collection, ids),
    write: (batch, fence) => store.write(batch, fence),
    find: (collection, query) => {
      asked.push({ collection, query });
      return store.find(collection, query);
    },
  };
  return { asked, store: recorded };
}

interface Connection {
  prepare(sql: string): { all(...params: null[]): { detail: string }[] };
}

/** Every query SQL the store prepares from now on (its statements are its own; the parameters do not change a plan). */
function preparedQueries(store: EmbeddedReadModelStore): string[] {
  const db = (store as unknown as { db: Connection }).db;
  const prepare = db.prepare.bind(db);
  const queries: string[] = [];
  db.prepare = (sql) => {
    if (sql.includes(BOUND_LIMIT)) queries.push(sql);
    return prepare(sql);
  };
  return queries;
}

/** SQLite's plan for `sql`, its steps joined by ` | `. */
function planOf(store: EmbeddedReadModelStore, sql: string): string {
  const db = (store as unknown as { db: Connection }).db;
  const parameters = Array.from(sql.matchAll(/\?/g), () => null);
  return db
    .prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .all(...parameters)
    .map((row) => row.detail)
    .join(' | ');
}

/**
 * The scans that collect every match (the time sweeps, the analytics book's refresh, a segment's or a
 * cluster's members) read through an index on the embedded store, on their first page and on the
 * pages after a cursor: none walks a whole collection or sorts every match, as several did in _id
 * order (a sweep of 90,000 overdue complaints took 41 s). Plans do not depend on the data (the store
 * never runs ANALYZE), so empty collections with the catalog's indexes show them.
 */
describe('scans of every match on the embedded store', () => {
  it('read through an index from their first page to their last', async () => {
    const store = EmbeddedReadModelStore.open(':memory:');
    for (const spec of [...allProjections().flatMap((projection) => projection.collections), ...CLUSTER_COLLECTIONS]) {
      await store.ensureCollection(spec);
    }
    const queries = preparedQueries(store);
    const { asked, store: recorded } = recording(store);
    const bus = { execute: async () => ({ kind: 'unchanged', eventTypes: [] }) } as unknown as CommandBus;
    const churnRisk = new ChurnRiskSweep(bus, recorded, defaultChurnRiskConfig);
    await churnRisk.sweep('2026-07-01T00:00:00.000Z');
    await churnRisk.sweep('2026-07-01T00:01:00.000Z');
    await new LoyaltyTierSweep(bus, recorded).sweep('2026-07-01T00:00:00.000Z');
    await readAllCustomerAnalytics(recorded, 5);
    const segment = { 'facts.customerType': 'individual', 'facts.valueTier': 'mass', 'facts.riskProfile': 'C3', 'facts.status': 'active' };
    await scanMembers(recorded, segment, undefined, () => true);
    await recorded.find(CLUSTER_MEMBERS, { filter: { runId: 'run-1', cluster: 0 }, limit: 100 });
    expect(asked).toHaveLength(8);
    // The collections are empty: the pages after a cursor are asked for here.
    for (const { collection, query } of asked) {
      const field = query.sort?.field ?? '_id';
      await store.find(collection, { ...query, after: cursorAfter({ _id: 'x', [field]: 'v' }, field) });
    }

    expect(new Set(queries).size).toBe(16);
    for (const sql of new Set(queries)) {
      const plan = planOf(store, sql);
      // "USE TEMP B-TREE FOR LAST TERM OF ORDER BY" sorts ties only; "FOR ORDER BY" would sort every match.
      expect({ sql, plan }).toEqual({ sql, plan: expect.stringMatching(/^SEARCH \S+ USING INDEX ix_/) });
      expect({ sql, plan }).toEqual({ sql, plan: expect.not.stringContaining('TEMP B-TREE FOR ORDER BY') });
    }
    await store.close();
  });
});
