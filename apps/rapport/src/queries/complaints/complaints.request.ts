import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { PageRequest } from '../shared/read-query.request';
import { IsOmittable } from '../../http/validation';

export const COMPLAINT_STATUSES = ['open', 'overdue', 'resolved'] as const;
export type ComplaintStatusFilter = (typeof COMPLAINT_STATUSES)[number];

export class ListComplaintsRequest extends PageRequest {
  @ApiPropertyOptional({ enum: COMPLAINT_STATUSES, description: 'overdue: open past its due date, as of now; omitted: all' })
  @IsOmittable()
  @IsIn(COMPLAINT_STATUSES)
  status?: ComplaintStatusFilter;
}
