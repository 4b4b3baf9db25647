import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { FormatParam } from '../../http/csv/csv.decorator';
import { PageRequest } from '../shared/read-query.request';

export const COMPLAINT_STATUSES = ['open', 'overdue', 'resolved'] as const;
export type ComplaintStatusFilter = (typeof COMPLAINT_STATUSES)[number];

export class ListComplaintsRequest extends PageRequest {
  @ApiPropertyOptional({ enum: COMPLAINT_STATUSES, description: 'overdue: open past its due date, as of now; omitted: all' })
  @IsOptional()
  @IsIn(COMPLAINT_STATUSES)
  status?: ComplaintStatusFilter;

  @FormatParam() format?: 'json' | 'csv';
}
