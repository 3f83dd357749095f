/**
 * Days off and make-up working days (補班) of Taiwan's government offices, from the Directorate-General of
 * Personnel Administration's yearly office calendar (政府行政機關辦公日曆表). Kept as data: add each year's
 * list when it is announced (usually in June of the year before).
 */
export interface OfficeCalendar {
  /** Weekdays on which offices are closed: national holidays and the days given for those on a weekend. */
  daysOff: readonly string[];
  /** Saturdays or Sundays on which offices work. */
  makeUpWorkingDays: readonly string[];
}

export const TAIWAN_OFFICE_CALENDAR: OfficeCalendar = {
  daysOff: [
    // 民國115年 (2026)
    '2026-01-01', // 開國紀念日
    '2026-02-16', // 除夕
    '2026-02-17', // 春節
    '2026-02-18', // 春節
    '2026-02-19', // 春節
    '2026-02-20', // 除夕前一日 (2/15, a Sunday) given on the next working day
    '2026-02-27', // 和平紀念日 (2/28, a Saturday) given the day before
    '2026-04-03', // 兒童節 (4/4, a Saturday) given the day before
    '2026-04-06', // 清明節 (4/5, a Sunday) given the day after
    '2026-05-01', // 勞動節
    '2026-06-19', // 端午節
    '2026-09-25', // 中秋節
    '2026-09-28', // 教師節
    '2026-10-09', // 國慶日 (10/10, a Saturday) given the day before
    '2026-10-26', // 臺灣光復暨金門古寧頭大捷紀念日 (10/25, a Sunday) given the day after
    '2026-12-25', // 行憲紀念日
    // 民國116年 (2027), as far as fixed by law
    '2027-01-01', // 開國紀念日
  ],
  makeUpWorkingDays: [],
};
