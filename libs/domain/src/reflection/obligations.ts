/** Something somebody owes a reflection by a date; the unit follows it up until it is met (追蹤管制). */
export type ObligationKind = 'citizen_reply' | 'department_answer' | 'head_decision' | 'agency_reply';
export type ObligationState = 'open' | 'fulfilled' | 'cancelled';

export interface Obligation {
  /** `<kind>:<n>`, n counting the reflection's obligations from 0: the same in the domain and every read model. */
  id: string;
  kind: ObligationKind;
  /** The department or agency that owes it; null for the citizen reply and the head's decision on a report. */
  party: string | null;
  dueOn: string;
  state: ObligationState;
}

/** Opens an obligation; read models pass the extra fields they keep (dates). */
export function openObligation<O extends Obligation>(obligations: readonly O[], opened: Omit<O, 'id' | 'state'>): O[] {
  return [...obligations, { ...opened, id: `${opened.kind}:${obligations.length}`, state: 'open' } as O];
}

/** Closes the oldest open obligation of that kind and party. */
export function closeObligation<O extends Obligation>(obligations: readonly O[], kind: ObligationKind, party: string | null, closed: Partial<O> & { state: ObligationState }): O[] {
  const index = obligations.findIndex((o) => o.state === 'open' && o.kind === kind && o.party === party);
  return obligations.map((o, i) => (i === index ? { ...o, ...closed } : o));
}

/** Closing a reflection cancels whatever is still open. */
export function cancelOpenObligations<O extends Obligation>(obligations: readonly O[], cancelled: Partial<O>): O[] {
  return obligations.map((o) => (o.state === 'open' ? { ...o, ...cancelled, state: 'cancelled' } : o));
}
