import { ParseUUIDPipe } from '@nestjs/common';
import { ValidateBy, type ValidationOptions } from 'class-validator';
import { invalid, isCalendarDate } from '@integrity/domain';

/** A date as the API takes it, YYYY-MM-DD, and one the calendar has (not 2026-02-30): in bodies and queries alike. */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isCalendarDate(value),
        defaultMessage: (args) => `${args?.property} must be a calendar date YYYY-MM-DD`,
      },
    },
    options,
  );
}

/** An id in the path that is not a UUID is a 400 naming the field, in the API's shape. */
export const UUID_PARAM = new ParseUUIDPipe({ exceptionFactory: () => invalid('INVALID_ID', 'id', 'The id in the path is not a UUID') });
