import { createContext, useContext } from 'react';

export interface Me {
  userId: string;
  username: string;
  displayName: string;
  unitId: string | null;
  unitName: string | null;
  roles: string[];
}

export const MeContext = createContext<Me | null>(null);
export const useMe = () => useContext(MeContext) as Me;

export const can = {
  record: (me: Me) => me.roles.some((r) => ['ethics_officer', 'supervisor', 'volunteer'].includes(r)),
  handle: (me: Me) => me.roles.some((r) => ['ethics_officer', 'supervisor'].includes(r)),
  decideAsHead: (me: Me) => me.roles.some((r) => ['agency_head', 'supervisor'].includes(r)),
};
