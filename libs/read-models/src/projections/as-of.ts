import type { RecordedEvent } from '@integrity/event-store';
import { upcastForProjection } from './projection-engine';
import type { SiteDocument } from './register-documents';
import type { ReflectionDocument } from './reflection-document';
import { projectReflection } from './reflection.projection';
import { projectReport, type ReportDocument } from './report.projection';

/**
 * The stream's events recorded up to the instant (and up to the revision, when given): the stream as it stood then,
 * a prefix in revision order.
 */
export function recordedBy(history: RecordedEvent[], asOf: Date | null, revision: number | null = null): RecordedEvent[] {
  const after = asOf ? history.findIndex((event) => Date.parse(event.metadata.occurredAt) > asOf.getTime()) : -1;
  const upTo = after < 0 ? history : history.slice(0, after);
  return revision === null ? upTo : upTo.slice(0, revision + 1);
}

/** A reflection as it stood after these events, folded as the projector folds them; null before it was received. */
export function reflectionFrom(history: RecordedEvent[], site: SiteDocument | null): ReflectionDocument | null {
  let doc: ReflectionDocument | null = null;
  for (const stored of history) {
    const event = upcastForProjection(stored, 'reflection');
    doc = (event && projectReflection(doc, event, site)) ?? doc;
  }
  return doc;
}

/** A report as it stood after these events; null before it was drafted. */
export function reportFrom(history: RecordedEvent[]): ReportDocument | null {
  let doc: ReportDocument | null = null;
  for (const stored of history) {
    const event = upcastForProjection(stored, 'report');
    doc = (event && projectReport(doc, event)) ?? doc;
  }
  return doc;
}
