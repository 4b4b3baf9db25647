import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiProduces, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { CsvTable } from './csv';

export const CSV_TABLE = 'rapport:csv-table';
export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';
export const RESPONSE_FORMATS = ['json', 'csv'] as const;

/**
 * The route also answers `text/csv` (with `Accept: text/csv` or `?format=csv`): the rows of its
 * JSON body in the table's columns. CsvInterceptor does the encoding.
 */
export const Csv = (table: CsvTable) => applyDecorators(SetMetadata(CSV_TABLE, table), ApiProduces('application/json', 'text/csv'));

/** The `format` query parameter of a route declared with @Csv. */
export const FormatParam = () =>
  applyDecorators(
    ApiPropertyOptional({
      enum: RESPONSE_FORMATS,
      default: 'json',
      description: 'csv: the same rows as text/csv with a header row (as `Accept: text/csv`)',
    }),
    IsOptional(),
    IsIn(RESPONSE_FORMATS),
  );
