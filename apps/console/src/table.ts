import { downloadCsv, ApiError } from './api';
import { h } from './dom';
import { t } from './i18n/i18n';
import type { MessageKey } from './i18n/messages.en';
import { session } from './session';

export interface Column<Row> {
  readonly label: MessageKey;
  readonly cell: (row: Row) => Node | string;
  /** Present: the column sorts by this value when its header is clicked. */
  readonly sortBy?: (row: Row) => string | number;
}

export interface TableOptions<Row> {
  readonly name: string;
  readonly rowAttributes?: (row: Row) => Readonly<Record<string, string>>;
}

/** A table of rows; clicking a sortable header sorts the rows shown, ascending then descending. */
export function table<Row>(columns: readonly Column<Row>[], rows: readonly Row[], options: TableOptions<Row>): HTMLTableElement {
  const body = h('tbody');
  let order: { column: number; direction: 1 | -1 } | undefined;
  const fill = () => {
    const by = order;
    const sorted = by === undefined ? rows : [...rows].sort((a, b) => compare(columns[by.column], a, b) * by.direction);
    body.replaceChildren(
      ...sorted.map((row) => h('tr', options.rowAttributes?.(row) ?? {}, ...columns.map((column) => h('td', {}, column.cell(row))))),
    );
  };
  const headers = columns.map((column, index) => {
    if (!column.sortBy) return h('th', { scope: 'col' }, t(column.label));
    const onclick = () => {
      order = order?.column === index && order.direction === 1 ? { column: index, direction: -1 } : { column: index, direction: 1 };
      for (const th of headerRow.children) th.removeAttribute('aria-sort');
      headerRow.children[index].setAttribute('aria-sort', order.direction === 1 ? 'ascending' : 'descending');
      fill();
    };
    return h(
      'th',
      { scope: 'col' },
      h('button', { type: 'button', class: 'sort', 'data-sort': String(column.label), onclick }, t(column.label)),
    );
  });
  const headerRow = h('tr', {}, ...headers);
  fill();
  const empty = rows.length === 0 ? h('caption', { class: 'empty' }, t('table.empty')) : null;
  return h('table', { 'data-table': options.name }, empty, h('thead', {}, headerRow), body);
}

function compare<Row>(column: Column<Row> | undefined, a: Row, b: Row): number {
  const [left, right] = [column?.sortBy?.(a) ?? '', column?.sortBy?.(b) ?? ''];
  return left < right ? -1 : left > right ? 1 : 0;
}

/** A button that saves the API's CSV answer for the same query as the table. */
export function csvButton(
  path: string,
  query: Readonly<Record<string, string | number | undefined>>,
  onError: (message: string) => void,
): HTMLButtonElement {
  const onclick = () => {
    const key = session()?.key ?? '';
    downloadCsv(key, path, query).catch((error: unknown) => onError(error instanceof ApiError ? error.message : t('error.network')));
  };
  return h('button', { type: 'button', class: 'csv', 'data-csv': path, onclick }, t('table.downloadCsv'));
}
