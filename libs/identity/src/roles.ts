/** Who may do what (DOMAIN.md, "Who does what"). */
export const ROLES = ['admin', 'aac_auditor', 'supervisor', 'agency_head', 'ethics_officer', 'volunteer'] as const;
export type Role = (typeof ROLES)[number];

/** May record reflections, sites, outreach and promotion: volunteers record, they do not decide. */
export const RECORDING_ROLES: Role[] = ['ethics_officer', 'supervisor', 'volunteer'];
/** May route, refer, reply, close, reopen and publish. */
export const HANDLING_ROLES: Role[] = ['ethics_officer', 'supervisor'];
/** May record the agency head's decision: the head in person, or the ethics unit recording what the head signed on paper. */
export const HEAD_DECISION_ROLES: Role[] = ['agency_head', 'supervisor', 'ethics_officer'];
/** May read a unit's cases. The AAC reads every unit's. */
export const READING_ROLES: Role[] = ['aac_auditor', 'supervisor', 'agency_head', 'ethics_officer', 'volunteer'];
/** See reporters' personal data in clear: those who reply to the citizen. */
export const PERSONAL_DATA_ROLES: Role[] = ['ethics_officer', 'supervisor'];
/** May erase a reporter's personal data. */
export const ERASURE_ROLES: Role[] = ['supervisor'];

/** The signed-in user, as the bearer token says. */
export interface Actor {
  userId: string;
  username: string;
  unitId: string | null;
  roles: Role[];
}

export const hasAnyRole = (actor: Actor, roles: readonly Role[]): boolean => actor.roles.some((role) => roles.includes(role));
export const readsEveryUnit = (actor: Actor): boolean => actor.roles.includes('aac_auditor');
