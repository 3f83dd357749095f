import type { Role } from '../roles';

/** What a bearer token carries: enough to authorize without a lookup, and the unit for every event's metadata. */
export interface TokenPayload {
  sub: string;
  username: string;
  unitId: string | null;
  roles: Role[];
}
