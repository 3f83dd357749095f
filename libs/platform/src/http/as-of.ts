import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Min } from 'class-validator';
import { invalid } from '@integrity/domain';
import { ReadQueryDto } from './read-query.dto';

const AS_OF = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** `asOf`: an ISO instant or a date (its whole day, Taipei time), for a record as it stood then. */
export const IsAsOf = () =>
  applyDecorators(
    ApiPropertyOptional({ description: 'As it stood then: an ISO instant, or a date (to the end of that day in Taipei)', example: '2026-11-20' }),
    IsOptional(),
    Matches(AS_OF, { message: 'asOf must be an ISO instant (2026-11-20T09:30:00+08:00) or a date (2026-11-20)' }),
  );

/** A read of a stream's record as it stood at an instant, or right after one of its events (a step of its timeline). */
export class AsOfQueryDto extends ReadQueryDto {
  @IsAsOf()
  asOf?: string;

  @ApiPropertyOptional({ description: 'As it stood right after its event at this revision (a step of its timeline)', minimum: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  revision?: number;
}

/** Where a read stops: at an instant, after a revision, or both (whichever comes first); null for now. */
export interface ReadUntil {
  asOf: Date | null;
  revision: number | null;
}

export function readUntil(query: AsOfQueryDto): ReadUntil | null {
  const asOf = asOfInstant(query.asOf);
  return asOf === null && query.revision === undefined ? null : { asOf, revision: query.revision ?? null };
}

/**
 * The instant `asOf` names, null when none was asked; a date is its last moment in Taipei (UTC+8, no DST), or
 * its first for the start of a range.
 */
export function asOfInstant(asOf: string | undefined, field = 'asOf', dayEdge: 'end' | 'start' = 'end'): Date | null {
  if (asOf === undefined) return null;
  const dateOnly = asOf.length === 10;
  const instant = new Date(dateOnly ? `${asOf}T${dayEdge === 'end' ? '23:59:59.999' : '00:00:00.000'}+08:00` : asOf);
  // 2026-02-30 parses to March: a date that does not exist is refused, not moved.
  const day = asOf.slice(0, 10);
  const dayExists = !Number.isNaN(Date.parse(`${day}T12:00:00Z`)) && new Date(`${day}T12:00:00Z`).toISOString().slice(0, 10) === day;
  if (Number.isNaN(instant.getTime()) || !dayExists) {
    throw invalid('INVALID_AS_OF', field, `${field} ${asOf} is not a date or instant that exists`);
  }
  return instant;
}
