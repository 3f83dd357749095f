/**
 * Receipt codes just issued, by case, in this tab's memory only: the server keeps no code, so it is shown (and
 * printed) on the case screen this once, and gone at the next load.
 */
const issued = new Map<string, { receiptCode: string; receiptPin?: string }>();

export const receiptCodes = {
  keep(caseId: string, answer: { receiptCode?: string; receiptPin?: string }): void {
    if (answer.receiptCode) issued.set(caseId, { receiptCode: answer.receiptCode, ...(answer.receiptPin ? { receiptPin: answer.receiptPin } : {}) });
  },
  of: (caseId: string) => issued.get(caseId) ?? null,
};
