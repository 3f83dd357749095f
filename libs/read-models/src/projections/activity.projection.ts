import type { RecordedEvent } from '@integrity/event-store';
import { positionKey } from './position-key';

/** The stream category of personal-data access records (個人資料保護法: who saw a reporter's data). */
export const PERSONAL_DATA_ACCESS_CATEGORY = 'pdaccess';

/** Which response showed the reporter in clear. */
export type PersonalDataView = 'case' | 'case_as_of' | 'history' | 'attachment1_odt' | 'attachment1_pdf' | 'unit_export';

/** One fact of the log as the audit lists it: what, where, who, when, its place in its stream's chain. Never its data. */
export interface ActivityDocument {
  /** positionKey of the event: newest first is `_id` descending. */
  _id: string;
  _position: string;
  position: string;
  streamId: string;
  revision: number;
  type: string;
  unitId: string | null;
  actorId: string;
  occurredAt: string;
  hash: string | null;
}

/** One access: who (and in which unit), when, which reflection (of which unit), through which view. Never the person. */
export interface PersonalDataAccess {
  reflectionId: string;
  reflectionUnitId: string;
  view: PersonalDataView;
  actorId: string;
  actorUnitId: string | null;
  at: string;
  position: string;
}

export type PersonalDataAccessDocument = PersonalDataAccess & { _id: string; _position: string };

export function activityOf(event: RecordedEvent): ActivityDocument {
  const key = positionKey(event.position);
  return {
    _id: key,
    _position: key,
    position: event.position.toString(),
    streamId: event.streamId,
    revision: event.revision,
    type: event.type,
    unitId: event.metadata.unitId,
    actorId: event.metadata.actorId,
    occurredAt: event.metadata.occurredAt,
    hash: event.chain?.hash ?? null,
  };
}

export function accessOf(event: RecordedEvent): PersonalDataAccess {
  const data = event.data as { reflectionId: string; reflectionUnitId: string; view: PersonalDataView };
  return {
    reflectionId: data.reflectionId,
    reflectionUnitId: data.reflectionUnitId,
    view: data.view,
    actorId: event.metadata.actorId,
    actorUnitId: event.metadata.unitId,
    at: event.metadata.occurredAt,
    position: event.position.toString(),
  };
}

export function accessDocumentOf(event: RecordedEvent): PersonalDataAccessDocument {
  const key = positionKey(event.position);
  return { _id: key, _position: key, ...accessOf(event) };
}
