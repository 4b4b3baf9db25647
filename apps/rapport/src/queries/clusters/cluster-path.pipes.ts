import { Injectable, type PipeTransform } from '@nestjs/common';
import { InvalidInput } from '../../http/validation';

export const RUN_ID_PATTERN = /^run-\d{8}T\d{6}-[0-9a-f]{6}$/;

@Injectable()
export class RunIdPipe implements PipeTransform<unknown, string> {
  transform(value: unknown): string {
    if (typeof value === 'string' && RUN_ID_PATTERN.test(value)) return value;
    throw new InvalidInput([{ field: 'runId', message: `runId must match ${RUN_ID_PATTERN.source}` }]);
  }
}

@Injectable()
export class ClusterNumberPipe implements PipeTransform<unknown, number> {
  transform(value: unknown): number {
    // The global ValidationPipe may already have turned the path segment into a number (NaN for "x").
    const text = typeof value === 'number' ? String(value) : value;
    if (typeof text === 'string' && /^[0-9]{1,2}$/.test(text)) return Number(text);
    throw new InvalidInput([{ field: 'n', message: 'n must be a cluster number, 0 to 19' }]);
  }
}
