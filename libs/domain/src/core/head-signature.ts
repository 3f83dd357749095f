import { assertNotInFuture } from '../calendar/taipei-date';
import { forbidden, invalid } from './domain-error';
import { NAME_MAX_LENGTH, optionalText } from './input-rules';

/** A decision the agency head signed on paper, recorded by the ethics unit: the document's reference (文號) and date. */
export interface OnHeadsBehalf {
  documentNo: string;
  decidedOn: string;
}

/** Who puts the head's decision into the system, and the paper it stands on when that is not the head. */
export interface HeadDecisionRecorder {
  /** The agency head in person. */
  byHead: boolean;
  documentNo?: string | null;
  decidedOn?: string | null;
}

/**
 * Only the agency head decides (referrals, reports, extensions, the biweekly report). Anybody else records a
 * decision the head signed on paper, and only with its reference and date; the event then says so. The paper
 * answers a request, so it cannot be dated before the request was made (`requestedOn`, when known): a
 * signature older than what was put to the head signed something else.
 */
export function onHeadsBehalf(recorder: HeadDecisionRecorder, now: Date, requestedOn: string | null = null): OnHeadsBehalf | null {
  if (recorder.byHead) return null;
  const documentNo = optionalText(recorder.documentNo, 'documentNo', NAME_MAX_LENGTH);
  if (documentNo === null || !recorder.decidedOn) {
    throw forbidden('HEAD_DECISION_NEEDS_DOCUMENT', "Only the agency head decides: to record the head's signed decision, give its documentNo and decidedOn");
  }
  assertNotInFuture(recorder.decidedOn, now, 'decidedOn', 'DECIDED_ON_IN_FUTURE');
  if (requestedOn !== null && recorder.decidedOn < requestedOn) {
    throw invalid('DECIDED_BEFORE_REQUEST', 'decidedOn', `decidedOn ${recorder.decidedOn} is before the request it answers (${requestedOn})`, { date: recorder.decidedOn, requestedOn });
  }
  return { documentNo, decidedOn: recorder.decidedOn };
}
