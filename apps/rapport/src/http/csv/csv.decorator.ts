import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export const RESPONSE_FORMATS = ['json', 'csv'] as const;

/** The `format` query parameter of a route whose answer is OfferedAsCsv (openapi.ts lists text/csv for routes that take it). */
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
