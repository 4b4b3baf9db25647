import { ApiProperty } from '@nestjs/swagger';
import { COMPLAINT_SEVERITIES, type ComplaintSeverity } from '@rapport/customer-domain';
import { IsIn, IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { BUSINESS_ID, BUSINESS_ID_MESSAGE, CommandRequest } from './common.request';

export class FileComplaintRequest extends CommandRequest {
  @ApiProperty({ example: 'CMP-88' })
  @IsString()
  @Matches(BUSINESS_ID, { message: `complaintId ${BUSINESS_ID_MESSAGE}` })
  complaintId!: string;

  @ApiProperty({ example: 'fees' }) @IsString() @IsNotEmpty() @MaxLength(64) category!: string;
  @ApiProperty({ enum: COMPLAINT_SEVERITIES }) @IsIn(COMPLAINT_SEVERITIES) severity!: ComplaintSeverity;
  @ApiProperty({ example: 'call-centre' }) @IsString() @IsNotEmpty() @MaxLength(64) channel!: string;
}

export class EscalateComplaintRequest extends CommandRequest {
  @ApiProperty({ example: 'no answer within 10 days' }) @IsString() @IsNotEmpty() @MaxLength(500) reason!: string;
}

export class ResolveComplaintRequest extends CommandRequest {
  @ApiProperty({ example: 'fee refunded' }) @IsString() @IsNotEmpty() @MaxLength(500) resolution!: string;
}
