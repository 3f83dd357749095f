import { randomUUID } from 'node:crypto';
import type { JsonObject } from '@integrity/event-store';
import type { ReadModelStore } from '@integrity/read-models';
import { IdentityError } from '../identity-error';
import { identityStreams, StreamTakenError, type IdentityLog, type RecordedBy } from '../identity-log';
import type { Actor, Role } from '../roles';
import { accountKey } from './account-key';
import { hashPassword, needsRehash, verifyPassword } from './password-hasher';
import { refuseWeakPassword, temporaryPassword } from './password-policy';

export interface User {
  _id: string;
  username: string;
  /** The username NFKC-normalised and lower-cased: unique, so 'ＡＤＭＩＮ' cannot stand beside 'admin'. */
  usernameKey?: string;
  passwordHash: string;
  displayName: string;
  email: string | null;
  unitId: string | null;
  roles: Role[];
  createdAt: string;
  /** A deactivated user signs in no more, and its tokens stop working. Absent on users created before: active. */
  active?: boolean;
  /** Raised whenever earlier tokens must stop working: deactivation, new roles, a new password. Absent: 0. */
  tokenVersion?: number;
  /** Signed in with a password nobody chose (the first administrator's): it must be changed before anything else. */
  mustChangePassword?: boolean;
}

export type PublicUser = Omit<User, 'passwordHash' | 'tokenVersion' | 'mustChangePassword' | 'usernameKey'> & { active: boolean };

export interface NewUser {
  username: string;
  password: string;
  /** ADMIN_PASSWORD: the operator's choice works as given, outside the password policy. */
  passwordChosenByOperator?: boolean;
  mustChangePassword?: boolean;
  displayName: string;
  email: string | null;
  unitId: string | null;
  roles: Role[];
}

const withoutSecret = ({ passwordHash: _hash, tokenVersion: _version, mustChangePassword: _change, usernameKey: _key, ...user }: User): PublicUser => {
  const { _position: _fold, ...shown } = user as typeof user & { _position?: string };
  return { ...shown, active: user.active !== false };
};

/** What a token's holder must still be for the token to count, and who they are now: roles and unit come from here, never from the token. */
export interface TokenStanding {
  active: boolean;
  tokenVersion: number;
  mustChangePassword: boolean;
  username: string;
  unitId: string | null;
  roles: Role[];
}

/**
 * The users, as facts in the log (UserCreated in a stream named for the username key; UserRolesChanged,
 * UserDeactivated, UserPasswordChanged in the user's stream) folded into documents, password hashes included.
 */
export class UserDirectory {
  private readonly users;

  private unknownUserHashPromise: Promise<string> | null = null;

  constructor(
    store: ReadModelStore,
    private readonly log: IdentityLog,
  ) {
    this.users = store.collection<User>('users');
  }

  /** A hash of nothing anybody knows, made once, to verify against when the username is unknown. */
  private unknownUserHash(): Promise<string> {
    this.unknownUserHashPromise ??= hashPassword(randomUUID());
    return this.unknownUserHashPromise;
  }

  async init(): Promise<void> {
    await this.users.createIndex({ username: 1 }, { unique: true });
    // Users created before usernames had keys get theirs once.
    for (const user of await this.users.find({ usernameKey: { $exists: false } })) {
      await this.users.updateOne({ _id: user._id }, { $set: { usernameKey: accountKey(user.username) } });
    }
    await this.users.createIndex({ usernameKey: 1 }, { unique: true });
  }

  /** Users created before they were facts in the log become facts once, with their state as it stands. */
  migrate(): Promise<number> {
    return this.log.migrate(
      'users',
      (user) => identityStreams.account(user.usernameKey as string),
      ({ _id, _position: _unused, ...user }) => ({ type: 'UserCreated', data: { userId: _id, ...user } as JsonObject }),
    );
  }

  async create(input: NewUser, by: RecordedBy): Promise<PublicUser> {
    if (!input.passwordChosenByOperator) refuseWeakPassword(input.password, input.username, 'password');
    const user: User = {
      _id: randomUUID(),
      username: input.username,
      usernameKey: accountKey(input.username),
      passwordHash: await hashPassword(input.password),
      displayName: input.displayName,
      email: input.email,
      unitId: input.unitId,
      roles: input.roles,
      createdAt: by.at.toISOString(),
      ...(input.mustChangePassword ? { mustChangePassword: true } : {}),
    };
    const { _id: userId, ...created } = user;
    try {
      await this.log.record(identityStreams.account(user.usernameKey as string), 'UserCreated', { userId, ...created } as JsonObject, 'no_stream', by);
    } catch (error) {
      if (error instanceof StreamTakenError) throw new IdentityError('USERNAME_TAKEN', `The username ${input.username} is taken`, 409, 'username', { username: input.username });
      throw error;
    }
    return withoutSecret(user);
  }

  /**
   * The actor for a username and password, or null: the caller cannot tell which of the two was wrong, not even
   * by the time it takes (an unknown username costs the same password hash as a known one).
   */
  async authenticate(username: string, password: string, at: Date): Promise<Actor | null> {
    const user = await this.users.findOne({ username });
    if (!user) {
      await verifyPassword(password, await this.unknownUserHash());
      return null;
    }
    if (!(await verifyPassword(password, user.passwordHash)) || user.active === false) return null;
    // A hash of an earlier scheme is made again now that the password is at hand: no token changes with it.
    if (needsRehash(user.passwordHash)) {
      await this.log.record(identityStreams.user(user._id), 'UserPasswordRehashed', { passwordHash: await hashPassword(password) }, 'any', { actorId: user._id, unitId: user.unitId, at });
    }
    return { userId: user._id, username: user.username, unitId: user.unitId, roles: user.roles };
  }

  /** The standing of a token's user: null when there is no such user. */
  async standing(userId: string): Promise<TokenStanding | null> {
    const user = await this.users.findOne({ _id: userId });
    return (
      user && {
        active: user.active !== false,
        tokenVersion: user.tokenVersion ?? 0,
        mustChangePassword: user.mustChangePassword === true,
        username: user.username,
        unitId: user.unitId,
        roles: user.roles,
      }
    );
  }

  async get(userId: string): Promise<PublicUser | null> {
    const user = await this.users.findOne({ _id: userId });
    return user && withoutSecret(user);
  }

  /** A change to a user; each raises its token version (in the fold), so every token issued before stops working. */
  private async revise(userId: string, type: 'UserRolesChanged' | 'UserDeactivated' | 'UserReactivated' | 'UserPasswordChanged' | 'UserPasswordReset', data: JsonObject, by: RecordedBy): Promise<void> {
    if (!(await this.users.findOne({ _id: userId }))) throw new IdentityError('USER_NOT_FOUND', 'No such user', 404);
    await this.log.record(identityStreams.user(userId), type, data, 'any', by);
  }

  deactivate(userId: string, by: RecordedBy): Promise<void> {
    return this.revise(userId, 'UserDeactivated', {}, by);
  }

  reactivate(userId: string, by: RecordedBy): Promise<void> {
    return this.revise(userId, 'UserReactivated', {}, by);
  }

  /**
   * A password made for the user by the product, answered once to be handed over in person: the user must change
   * it at the next sign-in, and every token issued before stops working.
   */
  async resetPassword(userId: string, by: RecordedBy): Promise<string> {
    const temporary = temporaryPassword();
    await this.revise(userId, 'UserPasswordReset', { passwordHash: await hashPassword(temporary) }, by);
    return temporary;
  }

  setRoles(userId: string, roles: Role[], by: RecordedBy): Promise<void> {
    return this.revise(userId, 'UserRolesChanged', { roles }, by);
  }

  async changePassword(userId: string, currentPassword: string, newPassword: string, by: RecordedBy): Promise<void> {
    const user = await this.users.findOne({ _id: userId });
    if (!user || !(await verifyPassword(currentPassword, user.passwordHash))) throw new IdentityError('INVALID_CREDENTIALS', 'The current password is wrong', 401, 'currentPassword');
    refuseWeakPassword(newPassword, user.username, 'newPassword');
    await this.revise(userId, 'UserPasswordChanged', { passwordHash: await hashPassword(newPassword) }, by);
  }

  /** Display names by user id, for showing who did what. */
  async displayNames(ids: string[]): Promise<Map<string, string>> {
    const users = await this.users.find({ _id: { $in: [...new Set(ids)] } });
    return new Map(users.map((user) => [user._id, user.displayName]));
  }

  /** A unit's users holding one of these roles. */
  async withRoles(unitId: string, roles: Role[]): Promise<PublicUser[]> {
    return (await this.users.find({ unitId, roles: { $in: roles } }, { sort: { username: 1 } })).map(withoutSecret);
  }

  async byIds(ids: string[]): Promise<PublicUser[]> {
    return (await this.users.find({ _id: { $in: [...new Set(ids)] } })).map(withoutSecret);
  }

  async count(): Promise<number> {
    return this.users.countDocuments({});
  }

  async list(unitId: string | null): Promise<PublicUser[]> {
    const users = await this.users.find(unitId === null ? {} : { unitId }, { sort: { username: 1 } });
    return users.map(withoutSecret);
  }
}
