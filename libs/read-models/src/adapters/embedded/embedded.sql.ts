import { BOUND_LIMIT } from '@rapport/sqlite';
import { decodeCursor } from '../../cursor';
import { isFieldPath, type Filter, type FindQuery, type IndexSpec, type Range, type Scalar } from '../../read-model-store.port';

/** SQLite binds no booleans; JSON true/false come back from json_extract as 1/0. */
export type SqlValue = string | number | null;

export interface SqlFragment {
  readonly sql: string;
  readonly params: readonly SqlValue[];
}

export function tableName(collection: string): string {
  return `rm_${collection}`;
}

export function quoted(identifier: string): string {
  return `"${identifier}"`;
}

/**
 * The SQL expression for a field. Indexes are built on exactly these expressions: SQLite uses an
 * expression index only when the query repeats the expression verbatim.
 */
export function fieldExpression(path: string): string {
  if (path === '_id') return 'id';
  if (path === 'position') return 'position';
  if (!isFieldPath(path)) throw new Error(`not a field path: ${path}`);
  return `json_extract(doc, '$.${path}')`;
}

export function sqlValue(value: Scalar): SqlValue {
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

const OPERATORS: ReadonlyArray<[keyof Range, string]> = [
  ['$gt', '>'],
  ['$gte', '>='],
  ['$lt', '<'],
  ['$lte', '<='],
];

function isRange(condition: Scalar | Range): condition is Range {
  return typeof condition === 'object' && condition !== null;
}

function conditionSql(expression: string, condition: Scalar | Range): SqlFragment[] {
  if (!isRange(condition)) {
    return [
      condition === null ? { sql: `${expression} IS NULL`, params: [] } : { sql: `${expression} = ?`, params: [sqlValue(condition)] },
    ];
  }
  const parts: SqlFragment[] = [];
  for (const [operator, sql] of OPERATORS) {
    const bound = condition[operator];
    if (bound !== undefined && !Array.isArray(bound)) parts.push({ sql: `${expression} ${sql} ?`, params: [sqlValue(bound as Scalar)] });
  }
  if (condition.$in !== undefined) {
    const values = condition.$in.map(sqlValue);
    parts.push(
      values.length === 0 ? { sql: '0', params: [] } : { sql: `${expression} IN (${values.map(() => '?').join(', ')})`, params: values },
    );
  }
  return parts;
}

export function whereSql(filter: Filter | undefined): SqlFragment[] {
  return Object.entries(filter ?? {}).flatMap(([path, condition]) => conditionSql(fieldExpression(path), condition));
}

/** WHERE, ORDER BY and LIMIT of a page query; asks for one row more than the limit to know if a next page exists. */
export function pageSql(query: FindQuery): SqlFragment {
  const sortField = query.sort?.field ?? '_id';
  const descending = query.sort?.direction === 'desc';
  const expression = fieldExpression(sortField);
  const parts = whereSql(query.filter);
  if (query.after !== undefined) parts.push(afterSql(expression, sortField === '_id', descending, query.after));
  const where = parts.length === 0 ? '' : ` WHERE ${parts.map((p) => `(${p.sql})`).join(' AND ')}`;
  const order = sortField === '_id' ? ` ORDER BY id ASC` : ` ORDER BY ${expression} ${descending ? 'DESC' : 'ASC'}, id ASC`;
  return { sql: `${where}${order} ${BOUND_LIMIT}`, params: [...parts.flatMap((p) => p.params), query.limit + 1] };
}

/**
 * The rows after the cursor in sort order: past its value, or at it with a greater id. Written with
 * the value as a bound of its own (`>= v AND (> v OR id > i)`), so that an index on the sort field
 * starts at the cursor; as `> v OR (= v AND id > i)` SQLite read every row before it again on each page.
 */
function afterSql(expression: string, isIdSort: boolean, descending: boolean, cursor: string): SqlFragment {
  const { value, id } = decodeCursor(cursor);
  if (isIdSort) return { sql: 'id > ?', params: [id] };
  const [from, beyond] = descending ? ['<=', '<'] : ['>=', '>'];
  const bound = sqlValue(value);
  return { sql: `${expression} ${from} ? AND (${expression} ${beyond} ? OR id > ?)`, params: [bound, bound, id] };
}

export function indexName(collection: string, index: IndexSpec): string {
  return `ix_${tableName(collection)}__${index.name}`;
}

export function indexSql(collection: string, index: IndexSpec): string {
  const columns = index.fields.map((f) => `${fieldExpression(f.field)} ${f.direction === 'desc' ? 'DESC' : 'ASC'}`).join(', ');
  return `CREATE INDEX ${quoted(indexName(collection, index))} ON ${quoted(tableName(collection))} (${columns})`;
}
