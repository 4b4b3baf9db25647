import { applyDecorators, SetMetadata, UseInterceptors } from '@nestjs/common';
import { ApiProduces, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { CsvTable } from './csv';
import { CSV_TABLE, CsvInterceptor } from './csv.interceptor';

export const RESPONSE_FORMATS = ['json', 'csv'] as const;

/**
 * The route also answers `text/csv` (with `Accept: text/csv` or `?format=csv`): the rows of its
 * JSON body in the table's columns. CsvInterceptor does the encoding, on these routes only: an
 * interceptor costs every request of a route it is bound to, even one it leaves alone.
 */
export const Csv = (table: CsvTable) =>
  applyDecorators(SetMetadata(CSV_TABLE, table), UseInterceptors(CsvInterceptor), ApiProduces('application/json', 'text/csv'));

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
