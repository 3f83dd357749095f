import { Query } from '@nestjs/cqrs';
import type { Reporter } from '@integrity/domain';
import type { Actor } from '@integrity/identity';
import type { ReflectionDocument } from '@integrity/read-models';

/** A reflection's current state from its read model, with the revision to send back in If-Match. */
export type ReflectionView = Omit<ReflectionDocument, '_id' | '_position' | 'reporterSealed'> & {
  id: string;
  reporter: Reporter | { redacted: true } | null;
  overdue: boolean;
};

export class ReflectionQuery extends Query<ReflectionView> {
  constructor(
    readonly reflectionId: string,
    readonly actor: Actor,
  ) {
    super();
  }
}
