/** The words the officers read: the shared zh-TW vocabulary (libs/domain), shaped for the forms. */
import {
  ACTIVITY_LABELS,
  AGENCY_LEVEL_LABELS,
  BEYOND_CALENDAR_NOTE,
  CATEGORY_LABELS,
  CHANNEL_LABELS,
  EVENT_LABELS,
  HEAD_DECISION_LABELS,
  HEAD_SUBJECT_LABELS,
  NATURE_LABELS,
  NOTICE_KIND_LABELS,
  OBLIGATION_LABELS,
  OBLIGATION_STATE_LABELS,
  PROMOTION_KIND_LABELS,
  REPORT_STATUS_LABELS,
  ROLE_LABELS,
  STATUS_LABELS,
  TASK_FORCE_ROLE_LABELS,
  THEME_LABELS,
  VENUE_LABELS,
  reminderStageLabel,
} from '../../../libs/domain/src/vocabulary/labels.zh-tw';
import { CATEGORIES_BY_NATURE } from '../../../libs/domain/src/reflection/reflection-vocabulary';
import { officialName, TAIWAN_COUNTIES } from '../../../libs/domain/src/vocabulary/counties';

export const NATURES = NATURE_LABELS;
export const AGENCY_LEVELS = AGENCY_LEVEL_LABELS;
export const COUNTIES: readonly string[] = TAIWAN_COUNTIES;
export { officialName };
export const CATEGORIES: Record<string, { nature: string; label: string }> = Object.fromEntries(
  Object.entries(CATEGORIES_BY_NATURE).flatMap(([nature, categories]) => categories.map((category) => [category, { nature, label: CATEGORY_LABELS[category] }])),
);
/** A category's words, including 未分類, which only cases imported from paper records carry. */
export const categoryLabel = (category: string): string => CATEGORY_LABELS[category] ?? category;
export const THEMES = THEME_LABELS;
export const STATUSES = STATUS_LABELS;
export const ROLES = ROLE_LABELS;
export const OBLIGATIONS = OBLIGATION_LABELS;
export const OBLIGATION_STATES = OBLIGATION_STATE_LABELS;
export const EVENTS = EVENT_LABELS;
export const ACTIVITY = ACTIVITY_LABELS;
export const CHANNELS = CHANNEL_LABELS;
export const VENUES = VENUE_LABELS;
export const PROMOTION_KINDS = PROMOTION_KIND_LABELS;
export const HEAD_SUBJECTS = HEAD_SUBJECT_LABELS;
export const HEAD_DECISIONS = HEAD_DECISION_LABELS;
export const NOTICE_KINDS = NOTICE_KIND_LABELS;
export const REPORT_STATUSES = REPORT_STATUS_LABELS;
export const TASK_FORCE_ROLES = TASK_FORCE_ROLE_LABELS;
export const reminderStage = reminderStageLabel;
/** Beside a due date counted into a year whose office calendar is not yet published. */
export const BEYOND_CALENDAR = BEYOND_CALENDAR_NOTE;
