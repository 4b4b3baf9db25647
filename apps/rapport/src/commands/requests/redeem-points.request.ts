import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { BUSINESS_ID, BUSINESS_ID_MESSAGE, CommandRequest } from './common.request';

export class RedeemPointsRequest extends CommandRequest {
  @ApiProperty({ example: 'R-301' })
  @IsString()
  @Matches(BUSINESS_ID, { message: `redemptionId ${BUSINESS_ID_MESSAGE}` })
  redemptionId!: string;

  @ApiProperty({ minimum: 1 }) @IsInt() @Min(1) @Max(100_000_000) points!: number;
  @ApiProperty({ example: 'airport-lounge' }) @IsString() @IsNotEmpty() @MaxLength(128) reward!: string;
}
