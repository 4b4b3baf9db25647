import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsDefined, IsIn, IsInt, IsNotEmpty, IsObject, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsOmittable } from './validation';

/**
 * Field decorators that state each input rule once, for the validator and the OpenAPI document
 * alike, so the two cannot drift apart. The type check comes first: validation stops at a field's
 * first failed rule, so `"csat": "5"` is told it is not an integer, and nothing else.
 */
interface FieldOptions {
  readonly isOptional?: boolean;
  readonly example?: unknown;
  readonly description?: string;
}

function documented(options: FieldOptions, schema: ApiPropertyOptions): PropertyDecorator {
  const extra = {
    ...(options.example !== undefined ? { example: options.example } : {}),
    ...(options.description ? { description: options.description } : {}),
  };
  const merged = { ...schema, ...extra } as ApiPropertyOptions;
  return options.isOptional ? applyDecorators(ApiPropertyOptional(merged), IsOmittable()) : applyDecorators(ApiProperty(merged));
}

/** A non-empty string of at most `maxLength` characters. */
export function TextField(maxLength: number, options: FieldOptions = {}): PropertyDecorator {
  return applyDecorators(documented(options, { type: String, minLength: 1, maxLength }), IsString(), IsNotEmpty(), MaxLength(maxLength));
}

/** A string matching `pattern`; `message` says the rule in words. */
export function PatternField(
  pattern: RegExp,
  message: string,
  options: FieldOptions & { readonly maxLength?: number; readonly format?: 'date' | 'date-time' } = {},
): PropertyDecorator {
  const schema = {
    type: String,
    pattern: pattern.source,
    ...(options.format ? { format: options.format } : {}),
    ...(options.maxLength ? { maxLength: options.maxLength } : {}),
  };
  return applyDecorators(documented(options, schema), IsString(), Matches(pattern, { message }));
}

/** One of a fixed set of strings. */
export function ChoiceField(values: readonly string[], options: FieldOptions & { readonly default?: string } = {}): PropertyDecorator {
  const schema = { type: String, enum: [...values], ...(options.default ? { default: options.default } : {}) };
  return applyDecorators(documented(options, schema), IsIn(values));
}

/** A whole number in a range; `fromQuery` reads the query string's digits ("2.5", "1e3", "0x10" stay text and are refused). */
export function WholeNumberField(
  minimum: number,
  maximum: number,
  options: FieldOptions & { readonly fromQuery?: boolean; readonly default?: number } = {},
): PropertyDecorator {
  const schema: ApiPropertyOptions = {
    type: 'integer',
    minimum,
    maximum,
    ...(options.default !== undefined ? { default: options.default } : {}),
  };
  const convert = options.fromQuery
    ? [Transform(({ value }: { value: unknown }) => (typeof value === 'string' && /^-?[0-9]{1,16}$/.test(value) ? Number(value) : value))]
    : [];
  return applyDecorators(documented(options, schema), ...convert, IsInt(), Min(minimum), Max(maximum));
}

/** A nested object validated by its own class (money, personal data). */
export function NestedField(type: new () => object, options: FieldOptions = {}): PropertyDecorator {
  const required = options.isOptional ? [] : [IsDefined()];
  return applyDecorators(
    documented(options, { type }),
    ...required,
    IsObject(),
    ValidateNested(),
    Type(() => type),
  );
}
