import { Injectable } from '@nestjs/common';
import { DEFAULT_DEADLINE_POLICY, TAIWAN_OFFICE_CALENDAR, type Deadlines } from '@integrity/domain';

/** The deadlines a unit's reflections are followed up with: the programme's defaults in the office calendar. */
@Injectable()
export class UnitDeadlines {
  forUnit(_unitId: string): Deadlines {
    return { policy: DEFAULT_DEADLINE_POLICY, calendar: TAIWAN_OFFICE_CALENDAR };
  }
}
