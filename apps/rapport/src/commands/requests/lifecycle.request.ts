import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { CommandRequest } from './common.request';
import { IsOmittable } from '../../http/validation';

export class ChurnCustomerRequest extends CommandRequest {
  @ApiProperty({ example: 'moved to a competitor' }) @IsString() @IsNotEmpty() @MaxLength(500) reason!: string;
}

export class ReactivateCustomerRequest extends CommandRequest {
  @ApiPropertyOptional({ example: 'returned after retention offer' }) @IsOmittable() @IsString() @IsNotEmpty() @MaxLength(500) reason?: string;
}
