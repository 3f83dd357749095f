import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { CLOCK, normalizeReceiptCode, notFound, reflectionDecider, type Clock } from '@integrity/domain';
import { CommandHandling } from '@integrity/event-store';
import { FailureLimiters, IdentityError, SecurityLog } from '@integrity/identity';
import { SETTINGS, type Settings } from '@integrity/platform';
import { ActiveReadModels, type ReflectionDocument } from '@integrity/read-models';
import { reflectionStream } from '../reflection-access';
import { ReflectionEventCodec } from '../reflection-event.codec';
import { ReceiptKeys } from './receipt-keys';

/** What the citizen may see of their case: dates, the stage in plain words, the agency, the published result. */
export interface CaseStatus {
  receivedOn: string;
  stage: 'received' | 'routed' | 'referred' | 'replied' | 'closed' | 'withdrawn';
  stageLabel: string;
  /** The agency the matter was referred to by letter, with the letter's number and date. */
  agency: string | null;
  letterNo: string | null;
  letterOn: string | null;
  /** When the citizen is owed a reply, while one is owed. */
  replyDueOn: string | null;
  /** The reply's deadline extended: to when, and the reason as the citizen was told it (never the internal one). */
  extension: { newDueOn: string; reason: string | null } | null;
  publishedResult: string | null;
}

/**
 * Failed lookups: per client address, 20 in 15 minutes; per code, the 4th and later each wait longer (doubling up
 * to 4 s), and past 10 in an hour the code answers nothing until the hour is over or the officer reissues it.
 */
export const STATUS_LIMITS = { perAddress: 20, addressWindowSeconds: 15 * 60, perCode: 10, codeWindowSeconds: 60 * 60, slowAfter: 3, firstDelayMs: 250, slowestMs: 4000 };

/** The least time any lookup answers in (see lookup). */
export const STATUS_ANSWER_FLOOR_MS = 150;

const NOT_FOUND = () => notFound('STATUS_NOT_FOUND', 'No case matches this receipt code and check');

/** The network a lookup came from, not the device: an IPv4 address to its /24, an IPv6 one to its /48. */
export function networkOf(address: string): string {
  const v4 = /^(?:::ffff:)?(\d+)\.(\d+)\.(\d+)\.\d+$/.exec(address);
  if (v4) return `${v4[1]}.${v4[2]}.${v4[3]}.0/24`;
  if (address.includes(':')) return `${address.split(':').slice(0, 3).join(':')}::/48`;
  return 'unknown';
}

/** The stage in plain words, from what was done (已受理 → 已簽會本機關業務單位 / 已函請「○○」參處 → 已回復 → 已結案). */
export function statusOf(doc: ReflectionDocument): CaseStatus {
  const referral = doc.referrals.at(-1) ?? null;
  const [stage, stageLabel]: [CaseStatus['stage'], string] = doc.citizenWithdrawal
    ? ['withdrawn', '陳情人已撤回']
    : doc.status === 'closed'
      ? ['closed', '已結案']
      : doc.citizenReplies.length > 0
        ? ['replied', '已回復']
        : referral
          ? ['referred', `已函請「${referral.agency}」參處`]
          : doc.departments.length > 0
            ? ['routed', '已簽會本機關業務單位']
            : ['received', '已受理'];
  const owed = doc.obligations.find((o) => o.kind === 'citizen_reply' && o.state === 'open');
  const extended = doc.extensions.at(-1);
  const told = doc.citizenNotices.filter((n) => n.kind === 'extension').at(-1);
  return {
    receivedOn: doc.receivedOn,
    stage,
    stageLabel,
    agency: referral?.agency ?? null,
    letterNo: referral?.letterNo ?? null,
    letterOn: referral?.sentOn ?? null,
    replyDueOn: owed?.dueOn ?? null,
    extension: extended ? { newDueOn: extended.newDueOn, reason: told?.content ?? null } : null,
    publishedResult: doc.publications.at(-1)?.publicSummary ?? null,
  };
}

/**
 * The public status page's lookup (no sign-in). Never an oracle: a code nobody holds and a wrong check answer the
 * same 404 after the same work (one hash of the code, one read, one check in constant time) and no sooner than a
 * floor every answer waits for, and the lookup is recorded after the answer, so its writing does not show in the time. Failures are throttled per address and per
 * code. Every lookup is recorded: on the case (StatusLookedUp, in its timeline and the unit's activity log) when
 * the code is one, else in the security log the AAC reads.
 */
@Injectable()
export class StatusLookup implements OnModuleDestroy {
  private readonly logger = new Logger('StatusLookup');
  private readonly limiters: FailureLimiters;
  private readonly address: RateLimiterAbstract;
  private readonly code: RateLimiterAbstract;
  private readonly dummyVerifier: string;
  /** Lookups recorded one after another, after their answers. */
  private recording: Promise<void> = Promise.resolve();

  constructor(
    private readonly readModels: ActiveReadModels,
    private readonly keys: ReceiptKeys,
    private readonly commands: CommandHandling,
    private readonly codec: ReflectionEventCodec,
    private readonly securityLog: SecurityLog,
    @Inject(SETTINGS) settings: Settings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.limiters = new FailureLimiters(settings.redisUrl, settings.redisPrefix);
    this.address = this.limiters.limiter(STATUS_LIMITS.perAddress, STATUS_LIMITS.addressWindowSeconds, 'status-address');
    this.code = this.limiters.limiter(STATUS_LIMITS.perCode, STATUS_LIMITS.codeWindowSeconds, 'status-code');
    this.dummyVerifier = keys.verifierHash('0000000000', '0000');
  }

  onModuleDestroy(): void {
    this.limiters.close();
  }

  async lookup(typedCode: string, proof: string, address: string): Promise<CaseStatus> {
    const started = performance.now();
    try {
      return await this.answer(typedCode, proof, address);
    } finally {
      // Every answer takes at least this long: what finding a case costs beyond missing one never shows.
      const left = STATUS_ANSWER_FLOOR_MS - (performance.now() - started);
      if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
    }
  }

  private async answer(typedCode: string, proof: string, address: string): Promise<CaseStatus> {
    // A code that is not one is looked for all the same, under a name no code has: the same work either way.
    const code = normalizeReceiptCode(typedCode) ?? `invalid:${typedCode.slice(0, 20)}`;
    const codeHash = this.keys.codeHash(code);
    await this.refuseWhenLocked(address, codeHash);
    const set = await this.readModels.current();
    const doc = await set.reflections.findOne({ 'receipt.codeHash': codeHash } as never);
    const verified = this.keys.verifies(doc?.receipt?.verifierHash ?? this.dummyVerifier, code, proof) && doc !== null;
    const from = networkOf(address);
    this.record(doc, verified, from);
    if (!verified || !doc) {
      await this.countFailure(address, codeHash);
      throw NOT_FOUND();
    }
    return statusOf(doc);
  }

  private async refuseWhenLocked(address: string, codeHash: string): Promise<void> {
    const [byAddress, byCode] = await Promise.all([this.address.get(address), this.code.get(codeHash)]);
    const locked = [
      byAddress && byAddress.consumedPoints >= STATUS_LIMITS.perAddress ? byAddress : null,
      byCode && byCode.consumedPoints >= STATUS_LIMITS.perCode ? byCode : null,
    ].filter((res): res is RateLimiterRes => res !== null);
    if (locked.length > 0) throw tooMany(Math.max(...locked.map((res) => Math.ceil(res.msBeforeNext / 1000))));
    const failures = byCode?.consumedPoints ?? 0;
    if (failures >= STATUS_LIMITS.slowAfter) {
      const delay = Math.min(STATUS_LIMITS.firstDelayMs * 2 ** (failures - STATUS_LIMITS.slowAfter), STATUS_LIMITS.slowestMs);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }

  private async countFailure(address: string, codeHash: string): Promise<void> {
    await Promise.all([this.address.penalty(address, 1), this.code.penalty(codeHash, 1)]);
  }

  private record(doc: ReflectionDocument | null, succeeded: boolean, from: string): void {
    const now = this.clock.now();
    this.recording = this.recording
      .then(async () => {
        if (!doc) {
          await this.securityLog.record('status_lookup_unmatched', now, { subject: 'status', address: from });
          return;
        }
        const context = { actorId: 'citizen', unitId: doc.unitId, correlationId: `status-${now.getTime()}`, commandId: randomUUID(), now };
        await this.commands.handle(reflectionStream(doc._id), reflectionDecider, this.codec, { type: 'RecordStatusLookup', succeeded, from }, context);
      })
      .catch((error: unknown) => this.logger.error(`A status lookup could not be recorded: ${error instanceof Error ? error.message : String(error)}`));
  }

  /** Every lookup recorded so far is written (for tests and an orderly stop). */
  settled(): Promise<void> {
    return this.recording;
  }
}

function tooMany(retryAfterSeconds: number): IdentityError {
  return new IdentityError('TOO_MANY_LOOKUPS', `Too many failed lookups: try again in ${retryAfterSeconds} s`, 429, undefined, { retryAfterSeconds });
}
