import { ApiPropertyOptional } from '@nestjs/swagger';
import { RISK_PROFILES, type RiskProfile } from '@rapport/customer-domain';
import { Type } from 'class-transformer';
import { IsIn, IsObject, ValidateNested } from 'class-validator';
import { CommandRequest } from './common.request';
import { MoneyRequest } from './money.request';
import { IsOmittable } from '../../http/validation';

export class UpdateProfileRequest extends CommandRequest {
  @ApiPropertyOptional({ type: MoneyRequest }) @IsOmittable() @IsObject() @ValidateNested() @Type(() => MoneyRequest) assets?: MoneyRequest;
  @ApiPropertyOptional({ enum: RISK_PROFILES }) @IsOmittable() @IsIn(RISK_PROFILES) riskProfile?: RiskProfile;
}
