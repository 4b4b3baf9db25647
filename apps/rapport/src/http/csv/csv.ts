/** A CSV column: its header and how to read its cell from a row. */
export interface CsvColumn<Row> {
  readonly header: string;
  value(row: Row): unknown;
}

/** What a route's JSON body becomes as CSV: the rows it lists and their columns. */
export interface CsvTable<Body = unknown, Row = unknown> {
  /** The download's file name, without `.csv`. */
  readonly name: string;
  rows(body: Body): readonly Row[];
  readonly columns: readonly CsvColumn<Row>[];
}

/** Declares a table; the type parameters tie the columns to the rows the body lists. */
export function csvTable<Body, Row>(table: CsvTable<Body, Row>): CsvTable<Body, Row> {
  return table;
}

/** A column that reads a field of the row by its dotted path, with the path as its header. */
export function field<Row>(path: string): CsvColumn<Row> {
  const steps = path.split('.');
  return { header: path, value: (row) => steps.reduce<unknown>((value, step) => (isRecord(value) ? value[step] : undefined), row) };
}

/** RFC 4180 text with CRLF line ends, a header row first. */
export function toCsv<Row>(columns: readonly CsvColumn<Row>[], rows: readonly Row[]): string {
  const lines = [columns.map((column) => quoted(column.header))];
  for (const row of rows) lines.push(columns.map((column) => quoted(cellText(column.value(row)))));
  return lines.map((cells) => cells.join(',')).join('\r\n') + '\r\n';
}

/** Money reads as "1250.00 CNY", a list as its items joined by "; ", anything else as JSON. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return guardedFromFormula(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(cellText).join('; ');
  if (isMoney(value)) return `${value.amount} ${value.currency}`;
  if (isRecord(value) && 'currency' in value && 'value' in value)
    return value.value === null ? '' : `${cellText(value.value)} ${cellText(value.currency)}`;
  return JSON.stringify(value);
}

/**
 * A spreadsheet runs a cell that starts with = + - @ as a formula (OWASP "CSV injection"); such text
 * gets a leading apostrophe. Numbers written as text ("-12.50") are left alone.
 */
function guardedFromFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) && !/^[+-]?\d+(\.\d+)?$/.test(text) ? `'${text}` : text;
}

function quoted(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function isMoney(value: unknown): value is { amount: string; currency: string } {
  return isRecord(value) && typeof value.amount === 'string' && typeof value.currency === 'string' && Object.keys(value).length === 2;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
