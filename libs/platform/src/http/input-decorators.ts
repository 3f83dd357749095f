import { ParseUUIDPipe } from '@nestjs/common';
import { ValidateBy, type ValidationOptions } from 'class-validator';
import { EARLIEST_DATE, invalid, isCalendarDate, LATEST_DATE } from '@integrity/domain';

/**
 * A date as the API takes it, YYYY-MM-DD, and one the calendar has (not 2026-02-30), within the programme's
 * lifetime (EARLIEST_DATE to LATEST_DATE): no clerk means 1900-01-01 or 9999-12-31. In bodies and queries alike.
 */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  const calendarDate = ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isCalendarDate(value),
        defaultMessage: (args) => `${args?.property} must be a calendar date YYYY-MM-DD`,
      },
    },
    options,
  );
  const withinProgramme = ValidateBy(
    {
      name: 'isWithinProgramme',
      validator: {
        // A malformed date is the first rule's to refuse; this one speaks only of dates out of range.
        validate: (value: unknown) => typeof value !== 'string' || !isCalendarDate(value) || (value >= EARLIEST_DATE && value <= LATEST_DATE),
        defaultMessage: (args) => `${args?.property} must lie between ${EARLIEST_DATE} and ${LATEST_DATE}`,
      },
    },
    options,
  );
  return (target, property) => {
    calendarDate(target, property);
    withinProgramme(target, property);
  };
}

/** An id in the path that is not a UUID is a 400 naming the field, in the API's shape. */
export const UUID_PARAM = new ParseUUIDPipe({ exceptionFactory: () => invalid('INVALID_ID', 'id', 'The id in the path is not a UUID') });
