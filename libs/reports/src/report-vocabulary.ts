import { REPORT_ROW_LABELS, type ReportRowKind } from '@integrity/domain';

/** Attachment 2's wording (附件2). */
export const ROW_TITLES = REPORT_ROW_LABELS as Record<ReportRowKind, string>;

export const reportTitle = (unitName: string, rocMonth: string) => `${unitName}${rocMonth}辦理村里廉政平臺工作成果彙報表`;
