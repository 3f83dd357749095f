import type { ReadModelStore } from '@integrity/read-models';
import type { TokenStanding, UserDirectory } from '../users/user-directory';

interface RevokedToken {
  _id: string;
  expiresAt: string;
}

/** Past this many tokens remembered, those read long enough ago are forgotten: the memory stays bounded. */
const MAX_REMEMBERED = 10_000;

/** How long a token's standing is taken as read: a deactivation or sign-out elsewhere counts within this. */
const FRESH_MS = 3000;

/**
 * Whether a token still counts: its user exists, is active and has not raised its token version since, and the
 * token was not signed out. Read at most every few seconds per user and token, so a busy API asks the store
 * little; a change made in this process counts at once.
 */
export class TokenRegistry {
  private readonly revoked;
  private readonly standings = new Map<string, { standing: TokenStanding | null; at: number }>();
  private readonly signedOut = new Map<string, { revoked: boolean; at: number }>();

  constructor(
    store: ReadModelStore,
    private readonly users: UserDirectory,
    private readonly now: () => number = Date.now,
  ) {
    this.revoked = store.collection<RevokedToken>('revoked_tokens');
  }

  /** The standing of a token that still counts, or null. */
  async standingOf(userId: string, version: number, jti: string): Promise<TokenStanding | null> {
    const standing = await this.read(userId);
    if (!standing || !standing.active || standing.tokenVersion !== version) return null;
    return (await this.isSignedOut(jti)) ? null : standing;
  }

  /** Signs one token out until it would have expired anyway. */
  async signOut(jti: string, expiresAt: Date): Promise<void> {
    await this.revoked.updateOne({ _id: jti }, { $set: { expiresAt: expiresAt.toISOString() } }, { upsert: true });
    this.signedOut.set(jti, { revoked: true, at: this.now() });
  }

  /** Forgets what was read of a user, after this process changed it. */
  forget(userId: string): void {
    this.standings.delete(userId);
  }

  private prune(): void {
    const now = this.now();
    for (const [jti, entry] of this.signedOut) if (now - entry.at >= FRESH_MS) this.signedOut.delete(jti);
  }

  private async read(userId: string): Promise<TokenStanding | null> {
    const cached = this.standings.get(userId);
    if (cached && this.now() - cached.at < FRESH_MS) return cached.standing;
    const standing = await this.users.standing(userId);
    this.standings.set(userId, { standing, at: this.now() });
    return standing;
  }

  private async isSignedOut(jti: string): Promise<boolean> {
    if (this.signedOut.size > MAX_REMEMBERED) this.prune();
    const cached = this.signedOut.get(jti);
    if (cached && (cached.revoked || this.now() - cached.at < FRESH_MS)) return cached.revoked;
    const revoked = (await this.revoked.findOne({ _id: jti })) !== null;
    this.signedOut.set(jti, { revoked, at: this.now() });
    return revoked;
  }
}
