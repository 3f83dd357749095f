import { createContext, useContext } from 'react';

export interface Me {
  userId: string;
  username: string;
  displayName: string;
  unitId: string | null;
  unitName: string | null;
  roles: string[];
  /** The password was given, not chosen: it is changed before anything else. */
  mustChangePassword: boolean;
}

export const MeContext = createContext<Me | null>(null);
export const useMe = () => useContext(MeContext) as Me;

export const can = {
  record: (me: Me) => me.roles.some((r) => ['ethics_officer', 'supervisor', 'volunteer'].includes(r)),
  handle: (me: Me) => me.roles.some((r) => ['ethics_officer', 'supervisor'].includes(r)),
  /** The head decides; the ethics unit records what the head signed on paper. */
  recordHeadDecision: (me: Me) => me.roles.some((r) => ['agency_head', 'supervisor', 'ethics_officer'].includes(r)),
  isHead: (me: Me) => me.roles.includes('agency_head'),
  eraseReporter: (me: Me) => me.roles.includes('supervisor'),
  /** Who saw a reporter's data: the supervisor audits the unit's cases. */
  auditPersonalData: (me: Me) => me.roles.includes('supervisor'),
  /** Who did what and when, and a case's audit file: the supervisor for the unit, the AAC for every unit. */
  auditActivity: (me: Me) => me.roles.some((r) => r === 'supervisor' || r === 'aac_auditor'),
  submitReport: (me: Me) => me.roles.some((r) => ['ethics_officer', 'supervisor', 'agency_head'].includes(r)),
};
