import { Controller, Get, Inject, Param, ParseIntPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiRefusals } from '@integrity/platform';
import { calendarCovers, OFFICE_CALENDAR_YEARS, type OfficeCalendar } from '@integrity/domain';
import { IdentityError, Roles, ROLES } from '@integrity/identity';
import { OFFICE_CALENDAR } from '../../unit-deadlines';

/** The office calendar deadlines are counted in: the shipped years, with OFFICE_CALENDAR_FILE's days added. */
@ApiTags('calendar')
@ApiBearerAuth()
@ApiRefusals(400, 401, 403)
@Controller('calendar')
export class OfficeCalendarHttpController {
  constructor(@Inject(OFFICE_CALENDAR) private readonly calendar: OfficeCalendar) {}

  @ApiOperation({ summary: "A year's office calendar: days off and make-up working days" })
  @ApiRefusals(404, 409)
  @Get(':year')
  @Roles(...ROLES)
  year(@Param('year', ParseIntPipe) year: number) {
    if (!calendarCovers(this.calendar, `${year}-01-01`)) {
      throw new IdentityError('CALENDAR_YEAR_NOT_COVERED', `The office calendar does not cover ${year}: import its 政府行政機關辦公日曆表 (npm run calendar:import)`, 404, undefined, { year });
    }
    const shipped = OFFICE_CALENDAR_YEARS.find((y) => y.year === year);
    const named = (dates: readonly string[], names: { date: string; name: string }[] = []) =>
      dates.filter((date) => date.startsWith(`${year}-`)).sort().map((date) => ({ date, name: names.find((n) => n.date === date)?.name ?? '' }));
    const daysOff = named(this.calendar.daysOff, shipped?.daysOff);
    const makeUpWorkingDays = named(this.calendar.makeUpWorkingDays, shipped?.makeUpWorkingDays);
    const added = daysOff.length + makeUpWorkingDays.length > (shipped ? shipped.daysOff.length + shipped.makeUpWorkingDays.length : 0);
    const source = [shipped?.source, added || !shipped ? 'OFFICE_CALENDAR_FILE' : null].filter(Boolean).join(' + ');
    return { year, daysOff, makeUpWorkingDays, source };
  }
}
