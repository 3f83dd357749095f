/** Something somebody owes a reflection by a date; the unit follows it up until it is met (追蹤管制). */
/** `site_visit` is the plan's: a platform contact due a visit (定期造訪平臺聯絡人); the others are a reflection's. */
export type ObligationKind = 'citizen_reply' | 'department_answer' | 'head_decision' | 'agency_reply' | 'referral_notice' | 'extension_notice' | 'site_visit';
/** `withdrawn`: sent to the wrong party, with a reason; `extended`: replaced by the same duty with a later due date. */
export type ObligationState = 'open' | 'fulfilled' | 'cancelled' | 'withdrawn' | 'extended';

/** Obligations an officer may withdraw: a department that is not competent, a referral sent to the wrong agency and its notice. */
export const WITHDRAWABLE_OBLIGATIONS: readonly ObligationKind[] = ['department_answer', 'agency_reply', 'referral_notice'];

export interface Obligation {
  /** `<kind>:<n>`, n counting the reflection's obligations from 0: the same in the domain and every read model. */
  id: string;
  kind: ObligationKind;
  /** The department or agency concerned; null for the citizen reply, the head's decision on a report or an extension, and the extension's notice. */
  party: string | null;
  dueOn: string;
  state: ObligationState;
}

/** Opens an obligation; read models pass the extra fields they keep (dates). */
export function openObligation<O extends Obligation>(obligations: readonly O[], opened: Omit<O, 'id' | 'state'>): O[] {
  return [...obligations, { ...opened, id: nextObligationId(obligations, opened.kind), state: 'open' } as O];
}

/** Closes the oldest open obligation of that kind and party. */
export function closeObligation<O extends Obligation>(obligations: readonly O[], kind: ObligationKind, party: string | null, closed: Partial<O> & { state: ObligationState }): O[] {
  const index = obligations.findIndex((o) => o.state === 'open' && o.kind === kind && o.party === party);
  return obligations.map((o, i) => (i === index ? { ...o, ...closed } : o));
}

/** Closes one obligation, named by its id, if it is open. */
export function closeObligationById<O extends Obligation>(obligations: readonly O[], id: string, closed: Partial<O> & { state: ObligationState }): O[] {
  return obligations.map((o) => (o.id === id && o.state === 'open' ? { ...o, ...closed } : o));
}

/** The id the next obligation opened will get. */
export const nextObligationId = (obligations: readonly Obligation[], kind: ObligationKind): string => `${kind}:${obligations.length}`;

/** Closing a reflection cancels whatever is still open. */
export function cancelOpenObligations<O extends Obligation>(obligations: readonly O[], cancelled: Partial<O>): O[] {
  return obligations.map((o) => (o.state === 'open' ? { ...o, ...cancelled, state: 'cancelled' } : o));
}
