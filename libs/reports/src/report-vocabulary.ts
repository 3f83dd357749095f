import type { ReportRowKind } from '@integrity/domain';

/** Attachment 2's wording (附件2). */
export const ROW_TITLES: Record<ReportRowKind, string> = {
  public_need: '民情需求事項',
  policy_feedback: '施政興革反映',
  promotion: '反貪倡廉宣導',
};

export const reportTitle = (unitName: string, rocMonth: string) => `${unitName}${rocMonth}辦理村里廉政平臺工作成果彙報表`;
