import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CUSTOMER_TYPES, RISK_PROFILES, type CustomerType, type RiskProfile } from '@rapport/customer-domain';
import { Type } from 'class-transformer';
import { IsDefined, IsEmail, IsIn, IsNotEmpty, IsObject, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { CommandRequest } from './common.request';
import { MoneyRequest } from './money.request';
import { IsOmittable } from '../../http/validation';

export class PersonalDataRequest {
  @ApiPropertyOptional() @IsOmittable() @IsString() @IsNotEmpty() @MaxLength(200) name?: string;
  @ApiPropertyOptional() @IsOmittable() @IsString() @Matches(/^[A-Za-z0-9-]{4,32}$/, { message: 'nationalId must be 4-32 letters, digits or "-"' }) nationalId?: string;
  @ApiPropertyOptional() @IsOmittable() @IsString() @Matches(/^\+?[0-9 ()-]{5,32}$/, { message: 'phone must be 5-32 digits, spaces, "+", "(", ")" or "-"' }) phone?: string;
  @ApiPropertyOptional() @IsOmittable() @IsEmail() @MaxLength(254) email?: string;
}

export class AcquireCustomerRequest extends CommandRequest {
  @ApiProperty({ example: 'C-10001', pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$' })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, { message: 'customerId must match ^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$' })
  customerId!: string;

  @ApiProperty({ enum: CUSTOMER_TYPES }) @IsIn(CUSTOMER_TYPES) customerType!: CustomerType;
  @ApiProperty({ example: 'branch' }) @IsString() @IsNotEmpty() @MaxLength(64) channel!: string;
  @ApiProperty({ type: MoneyRequest }) @IsDefined() @IsObject() @ValidateNested() @Type(() => MoneyRequest) assets!: MoneyRequest;
  @ApiProperty({ enum: RISK_PROFILES }) @IsIn(RISK_PROFILES) riskProfile!: RiskProfile;

  @ApiPropertyOptional({ type: MoneyRequest })
  @IsOmittable()
  @IsObject()
  @ValidateNested()
  @Type(() => MoneyRequest)
  acquisitionCost?: MoneyRequest;

  @ApiPropertyOptional({ type: PersonalDataRequest })
  @IsOmittable()
  @IsObject()
  @ValidateNested()
  @Type(() => PersonalDataRequest)
  personal?: PersonalDataRequest;
}
