import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { CommandRequest } from './common.request';

export class ActivateCustomerRequest extends CommandRequest {
  @ApiProperty({ example: 'savings-account' }) @IsString() @IsNotEmpty() @MaxLength(64) product!: string;
}
