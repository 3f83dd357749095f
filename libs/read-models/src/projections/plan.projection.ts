import { taipeiDateOf, type OnHeadsBehalf, type PlanContent, type PlanEvent } from '@integrity/domain';
import type { RecordedEvent } from '@integrity/event-store';
import { positionKey } from './position-key';

/** A unit's detailed implementation plan, as the plan screens, the visit schedule and the AAC read it. */
export interface PlanDocument extends PlanContent {
  _id: string;
  _position: string;
  unitId: string;
  state: 'draft' | 'in_force' | 'superseded';
  draftedBy: string;
  draftedAt: string;
  /** How often the draft was revised. */
  revisions: number;
  /** `inForceOn`: the day the approval was recorded, from which the plan's reminders go out (absent before it was kept). */
  approval: { approvedOn: string; inForceOn?: string; onBehalf: OnHeadsBehalf | null; recordedBy: string; position: string } | null;
  supersededBy: string | null;
  /** Visit reminders sent, by visit obligation id (`visit:<siteId>:<dueOn>`). */
  remindersIssued: { obligationId: string; stage: string }[];
  revision: number;
  position: string;
  updatedAt: string;
}

type Data<T extends PlanEvent['type']> = Extract<PlanEvent, { type: T }>['data'];

/** The plan read model after one more event; null for an event of a plan never drafted, or one this code does not know. */
export function projectPlan(doc: PlanDocument | null, event: RecordedEvent): PlanDocument | null {
  const at = event.metadata.occurredAt;
  const next = ((): PlanDocument | null => {
    if (event.type === 'PlanDrafted') {
      const { planId, unitId, preparedOn: _preparedOn, ...content } = event.data as unknown as Data<'PlanDrafted'>;
      return doc ? null : { _id: planId, _position: '', unitId, ...content, state: 'draft', draftedBy: event.metadata.actorId, draftedAt: at, revisions: 0, approval: null, supersededBy: null, remindersIssued: [], revision: 0, position: '', updatedAt: at };
    }
    if (!doc) return null;
    switch (event.type) {
      case 'PlanRevised': {
        const { preparedOn: _preparedOn, ...content } = event.data as unknown as Data<'PlanRevised'>;
        return { ...doc, ...content, revisions: doc.revisions + 1 };
      }
      case 'PlanApproved': {
        const { approvedOn, onBehalf } = event.data as unknown as Data<'PlanApproved'>;
        const inForceOn = taipeiDateOf(new Date(at));
        return { ...doc, state: 'in_force', approval: { approvedOn, inForceOn, onBehalf, recordedBy: event.metadata.actorId, position: positionKey(event.position) } };
      }
      case 'PlanSuperseded':
        return { ...doc, state: 'superseded', supersededBy: (event.data as unknown as Data<'PlanSuperseded'>).byPlanId };
      case 'VisitReminderIssued': {
        const { obligationId, stage } = event.data as unknown as Data<'VisitReminderIssued'>;
        return { ...doc, remindersIssued: [...doc.remindersIssued, { obligationId, stage }] };
      }
      case 'OverdueVisitsSummarised': {
        const { visits } = event.data as unknown as Data<'OverdueVisitsSummarised'>;
        return { ...doc, remindersIssued: [...doc.remindersIssued, ...visits.map(({ obligationId }) => ({ obligationId, stage: 'due' }))] };
      }
      default:
        return null;
    }
  })();
  return next && { ...next, revision: event.revision, position: event.position.toString(), updatedAt: at };
}

/** The day the plan came into force in the product: reminders of visits already due then count from it. */
export const inForceOn = (plan: PlanDocument): string => plan.approval?.inForceOn ?? plan.approval?.approvedOn ?? plan.validFrom;
