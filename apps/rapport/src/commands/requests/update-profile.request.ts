import { ApiPropertyOptional } from '@nestjs/swagger';
import { RISK_PROFILES, type RiskProfile } from '@rapport/customer-domain';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, ValidateNested } from 'class-validator';
import { CommandRequest } from './common.request';
import { MoneyRequest } from './money.request';

export class UpdateProfileRequest extends CommandRequest {
  @ApiPropertyOptional({ type: MoneyRequest }) @IsOptional() @IsObject() @ValidateNested() @Type(() => MoneyRequest) assets?: MoneyRequest;
  @ApiPropertyOptional({ enum: RISK_PROFILES }) @IsOptional() @IsIn(RISK_PROFILES) riskProfile?: RiskProfile;
}
