import type { Role } from '../roles';

/** What a bearer token carries: enough to authorize without a lookup, and the unit for every event's metadata. */
export interface TokenPayload {
  sub: string;
  username: string;
  unitId: string | null;
  roles: Role[];
  /** The user's token version when the token was issued: a later version revokes it. */
  ver: number;
  /** The token's own id, for revoking this one token (sign-out). */
  jti: string;
  /** Expiry (seconds since the epoch): required. */
  exp?: number;
}
