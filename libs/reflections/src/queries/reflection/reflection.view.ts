import type { ReflectionReceived, ReflectionState, Reporter } from '@integrity/domain';
import type { REDACTED_REPORTER } from '../reflection-reader';

/** A reflection's current state, folded from its stream, with the revision to send back in If-Match. */
export type ReflectionView = Omit<ReflectionReceived['data'], 'reporter' | 'reflectionId' | 'citizenReplyDueOn'> &
  Omit<ReflectionState, 'intake' | 'reporter'> & {
    id: string;
    revision: number;
    position: string;
    reporter: Reporter | typeof REDACTED_REPORTER | null;
    receivedAt: string;
    updatedAt: string;
  };
