import type { Request, Response } from 'express';
import { toCsv, type CsvTable } from './csv';

const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';

/** `?format=csv`, or an Accept header that prefers text/csv to JSON. */
export function wantsCsv(request: Request): boolean {
  const format = request.query.format;
  if (format !== undefined) return format === 'csv';
  return request.headers.accept !== undefined && request.accepts(['application/json', 'text/csv']) === 'text/csv';
}

/** The rows of a JSON body in the table's columns, as a download named after the table. */
export function sendCsv(response: Response, table: CsvTable, body: unknown): unknown {
  response.setHeader('Content-Disposition', `attachment; filename="${table.name}.csv"`);
  response.vary('Accept');
  return response.type(CSV_CONTENT_TYPE).send(toCsv(table.columns, table.rows(body)));
}
