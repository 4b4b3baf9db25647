import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { BUSINESS_ID, BUSINESS_ID_MESSAGE, CommandRequest } from './common.request';
import { IsOmittable } from '../../http/validation';

export class RecordSatisfactionRequest extends CommandRequest {
  @ApiProperty({ example: 'S-5521' })
  @IsString()
  @Matches(BUSINESS_ID, { message: `surveyId ${BUSINESS_ID_MESSAGE}` })
  surveyId!: string;

  @ApiProperty({ minimum: 1, maximum: 5 }) @IsInt() @Min(1) @Max(5) csat!: number;
  @ApiPropertyOptional({ minimum: 0, maximum: 10 }) @IsOmittable() @IsInt() @Min(0) @Max(10) nps?: number;
  @ApiProperty({ example: 'account-opening' }) @IsString() @IsNotEmpty() @MaxLength(64) touchpoint!: string;
  @ApiProperty({ example: 'mobile-app' }) @IsString() @IsNotEmpty() @MaxLength(64) channel!: string;
}
