import { Inject, Logger, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';
import { temporaryPassword } from './users/password-policy';
import { CLOCK, type Clock } from '@integrity/domain';
import { SETTINGS, StoreIntegrity, type Settings } from '@integrity/platform';
import { EVENT_STORE, type EventStore, type JsonObject } from '@integrity/event-store';
import { READ_MODEL_STORE, type ReadModelStore } from '@integrity/read-models';
import { IdentityLog, identityStreams } from './identity-log';
import { AuthGuard } from './auth/auth.guard';
import { SignInThrottle } from './auth/sign-in-throttle';
import { TokenHttpController } from './auth/token.http.controller';
import { TokenRegistry } from './auth/token-registry';
import { openPersonalDataKeyStore } from './personal-data/open-personal-data-key-store';
import { PERSONAL_DATA_KEY_STORE, type PersonalDataKeyStore } from './personal-data/personal-data-key-store';
import { PersonalDataVault } from './personal-data/personal-data-vault';
import { PersonalDataAccessLog } from './personal-data/personal-data-access-log';
import { UnitRegister } from './units/unit-register';
import { UnitsHttpController } from './units/units.http.controller';
import { FirstAdminPassword } from './users/first-admin-password';
import { UserDirectory } from './users/user-directory';
import { UsersHttpController } from './users/users.http.controller';
import { SecurityEventsHttpController } from './security/security-events.http.controller';
import { SecurityLog } from './security/security-log';

const fromStore = <T>(make: (store: ReadModelStore, log: IdentityLog) => T) => ({ inject: [READ_MODEL_STORE, IdentityLog], useFactory: make });

@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [SETTINGS],
      // A KeyObject, not the string: given a string, jsonwebtoken first tries (and fails) to parse a public key on every call.
      useFactory: (settings: Settings) => {
        const key = createSecretKey(Buffer.from(settings.jwtSecret, 'utf8'));
        return { secretOrKeyProvider: () => key, signOptions: { algorithm: 'HS256' }, verifyOptions: { algorithms: ['HS256'] } };
      },
    }),
  ],
  controllers: [TokenHttpController, UnitsHttpController, UsersHttpController, SecurityEventsHttpController],
  providers: [
    { provide: IdentityLog, inject: [EVENT_STORE, READ_MODEL_STORE], useFactory: (events: EventStore, store: ReadModelStore) => new IdentityLog(events, store) },
    { provide: UnitRegister, ...fromStore((store, log) => new UnitRegister(store, log)) },
    { provide: UserDirectory, ...fromStore((store, log) => new UserDirectory(store, log)) },
    { provide: PERSONAL_DATA_KEY_STORE, inject: [SETTINGS, READ_MODEL_STORE, EVENT_STORE, StoreIntegrity], useFactory: openPersonalDataKeyStore },
    { provide: PersonalDataVault, inject: [PERSONAL_DATA_KEY_STORE], useFactory: (keys: PersonalDataKeyStore) => new PersonalDataVault(keys) },
    { provide: PersonalDataAccessLog, inject: [EVENT_STORE, CLOCK], useFactory: (events: EventStore, clock: Clock) => new PersonalDataAccessLog(events, () => clock.now()) },
    { provide: SecurityLog, ...fromStore((store, log) => new SecurityLog(store, log)) },
    { provide: FirstAdminPassword, inject: [SETTINGS], useFactory: (settings: Settings) => new FirstAdminPassword(settings.dataDir) },
    { provide: TokenRegistry, inject: [READ_MODEL_STORE, UserDirectory], useFactory: (store: ReadModelStore, users: UserDirectory) => new TokenRegistry(store, users) },
    { provide: SignInThrottle, inject: [SETTINGS], useFactory: (settings: Settings) => new SignInThrottle(settings.redisUrl, settings.redisPrefix) },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [UnitRegister, UserDirectory, PersonalDataVault, PersonalDataAccessLog, SecurityLog, IdentityLog],
})
export class IdentityModule implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Identity');

  constructor(
    private readonly units: UnitRegister,
    private readonly users: UserDirectory,
    private readonly throttle: SignInThrottle,
    private readonly securityLog: SecurityLog,
    @Inject(PERSONAL_DATA_KEY_STORE) private readonly keys: PersonalDataKeyStore,
    private readonly firstPassword: FirstAdminPassword,
    private readonly log: IdentityLog,
    private readonly integrity: StoreIntegrity,
    @Inject(SETTINGS) private readonly settings: Settings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    this.throttle.close();
    await this.keys.close();
  }

  /** The first start creates the admin (ADMIN_USERNAME / ADMIN_PASSWORD); an existing user is never overwritten. */
  async onModuleInit(): Promise<void> {
    await this.users.init();
    await this.securityLog.init();
    // The documents from the log first (after a lost read-model file, all of them), then what an earlier release
    // kept only as documents into the log, once.
    const restored = await this.log.restore();
    if (restored.fromAnotherLog) {
      this.logger.warn(`Units, users and security events were folded from another event log (${restored.fromAnotherLog}): folded again from this one`);
      await this.users.init();
      await this.securityLog.init();
    }
    if (restored.folded > 0) this.logger.log(`Folded ${restored.folded} identity fact(s) from the event log into units, users and security events`);
    // Damage to a store, and derived data set aside, is a security event too: the administrator reviews it there.
    this.integrity.onDamage((damage) => {
      const type = damage.setAsideTo ? 'store_set_aside' : 'store_damaged';
      void this.securityLog
        .record(type, this.clock.now(), { subject: damage.store, detail: { problems: damage.problems, repair: damage.repair } })
        .catch((error: unknown) => this.logger.error(`Recording the ${type} security event failed: ${error instanceof Error ? error.message : String(error)}`));
    });
    const migrated = {
      units: await this.units.migrate(),
      users: await this.users.migrate(),
      securityEvents: await this.securityLog.migrate(),
      notificationReads: await this.log.migrate(
        'notification_reads',
        (read) => identityStreams.notificationRead(read._id),
        ({ _id, _position: _fold, ...read }) => ({ type: 'NotificationRead', data: { notificationId: _id, ...read } as JsonObject }),
      ),
    };
    if (Object.values(migrated).some((count) => count > 0)) {
      this.logger.log(`Migrated into the event log, once: ${migrated.units} unit(s), ${migrated.users} user(s), ${migrated.securityEvents} security event(s), ${migrated.notificationReads} notification reading(s)`);
    }
    if ((await this.users.count()) > 0) return;
    // A password the operator chose (ADMIN_PASSWORD) works as given; one made here goes to a file, never to a log.
    const chosen = this.settings.adminPassword;
    const password = chosen ?? temporaryPassword();
    if (!chosen) this.firstPassword.keep(password);
    await this.users.create(
      { username: this.settings.adminUsername, password, passwordChosenByOperator: chosen !== null, mustChangePassword: chosen === null, displayName: '系統管理員', email: null, unitId: null, roles: ['admin'] },
      { actorId: null, unitId: null, at: this.clock.now() },
    );
    if (chosen) return this.logger.log(`Created the administrator "${this.settings.adminUsername}" with the password in ADMIN_PASSWORD`);
    this.logger.log(`Created the administrator "${this.settings.adminUsername}"; its first password is in ${this.firstPassword.file} (readable by this user only) and must be changed at first sign-in`);
  }
}
