import { Query } from '@nestjs/cqrs';
import type { Reporter } from '@integrity/domain';
import type { Actor, WithheldReporter } from '@integrity/identity';
import type { ReadUntil } from '@integrity/platform';
import type { ReflectionDocument } from '@integrity/read-models';

/**
 * A reflection's current state from its read model, with the revision to send back in If-Match; or, asked as of
 * an instant, as it stood then (folded from its events up to that instant), with the revision it stood at.
 */
export type ReflectionView = Omit<ReflectionDocument, '_id' | '_position' | 'reporterSealed' | 'receiptKey' | 'receipt'> & {
  id: string;
  /** Whether the citizen holds a receipt code, checked by phone digits or a PIN, and since when (never the code). */
  receipt: { check: 'phone' | 'pin'; issuedOn: string } | null;
  reporter: Reporter | WithheldReporter | null;
  overdue: boolean;
  /** The instant asked about; absent for the current state. */
  asOf?: string;
  /** The revision asked about; absent for the current state. */
  asOfRevision?: number;
};

export class ReflectionQuery extends Query<ReflectionView> {
  constructor(
    readonly reflectionId: string,
    readonly actor: Actor,
    readonly until: ReadUntil | null = null,
  ) {
    super();
  }
}
