import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { BUSINESS_ID, BUSINESS_ID_MESSAGE } from '../commands/requests/common.request';
import { EscalateComplaintRequest, ResolveComplaintRequest } from '../commands/requests/complaint.request';

// Over HTTP the complaint id is in the path; a Kafka message has no path, so its data carries it.
// Everything else is the HTTP DTO itself, so the two edges cannot drift apart (style.md §7).

export class EscalateComplaintMessage extends EscalateComplaintRequest {
  @ApiProperty({ example: 'CMP-88' })
  @IsString()
  @Matches(BUSINESS_ID, { message: `complaintId ${BUSINESS_ID_MESSAGE}` })
  complaintId!: string;
}

export class ResolveComplaintMessage extends ResolveComplaintRequest {
  @ApiProperty({ example: 'CMP-88' })
  @IsString()
  @Matches(BUSINESS_ID, { message: `complaintId ${BUSINESS_ID_MESSAGE}` })
  complaintId!: string;
}
