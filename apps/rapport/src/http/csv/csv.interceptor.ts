import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import type { Observable } from 'rxjs';
import { toCsv, type CsvTable } from './csv';

export const CSV_TABLE = 'rapport:csv-table';
const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';

/**
 * Answers a route declared with @Csv in CSV when the caller asks for it (`?format=csv`, or an Accept
 * header that prefers text/csv): the JSON body the route sends becomes its table. It takes the body
 * where it leaves as JSON (`response.json`), so a handler that returns a value and one that writes
 * the response are encoded alike; error bodies (problem+json, sent as text) pass untouched.
 */
@Injectable()
export class CsvInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const table = this.reflector.get<CsvTable | undefined>(CSV_TABLE, context.getHandler());
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    if (table !== undefined && wantsCsv(request)) answerCsv(http.getResponse<Response>(), table);
    return next.handle();
  }
}

function wantsCsv(request: Request): boolean {
  const format = request.query.format;
  if (format !== undefined) return format === 'csv';
  return request.headers.accept !== undefined && request.accepts(['application/json', 'text/csv']) === 'text/csv';
}

function answerCsv(response: Response, table: CsvTable): void {
  const sendJson = response.json.bind(response);
  response.json = (body: unknown) => {
    if (response.statusCode >= 300) return sendJson(body);
    response.setHeader('Content-Disposition', `attachment; filename="${table.name}.csv"`);
    response.vary('Accept');
    return response.type(CSV_CONTENT_TYPE).send(toCsv(table.columns, table.rows(body)));
  };
}
