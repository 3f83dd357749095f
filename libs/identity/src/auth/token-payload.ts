import type { Role } from '../roles';

/** What a bearer token carries. Roles and unit are informative: every request takes them from the stored user. */
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
