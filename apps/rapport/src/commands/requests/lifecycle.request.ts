import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { CommandRequest } from './common.request';

export class ChurnCustomerRequest extends CommandRequest {
  @ApiProperty({ example: 'moved to a competitor' }) @IsString() @IsNotEmpty() @MaxLength(500) reason!: string;
}

export class ReactivateCustomerRequest extends CommandRequest {
  @ApiPropertyOptional({ example: 'returned after retention offer' }) @IsOptional() @IsString() @IsNotEmpty() @MaxLength(500) reason?: string;
}
