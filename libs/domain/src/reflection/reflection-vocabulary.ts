/** The words of DOMAIN.md, as the values code, API and UI share. */
export const CATEGORIES_BY_NATURE = {
  public_need: ['decision_transparency', 'public_facilities', 'service_efficiency', 'process_simplification'],
  policy_feedback: ['policy_opinion', 'regulation_impact', 'policy_dispute'],
} as const;

export type Nature = keyof typeof CATEGORIES_BY_NATURE;
export type Category = (typeof CATEGORIES_BY_NATURE)[Nature][number];
export const NATURES = Object.keys(CATEGORIES_BY_NATURE) as Nature[];
export const CATEGORIES = NATURES.flatMap((nature) => CATEGORIES_BY_NATURE[nature]) as Category[];

/**
 * The category of a case imported from a paper work record (工作紀錄表), which has no category: only imported cases
 * carry it, and they count under their nature.
 */
export const UNCLASSIFIED = 'unclassified';
export type CategoryOrUnclassified = Category | typeof UNCLASSIFIED;

export const THEMES = [
  'local_public_works',
  'river_dredging',
  'disaster_relief',
  'neighbourhood_funds',
  'subsidy_or_feedback_funds',
  'other',
] as const;
export type Theme = (typeof THEMES)[number];

/** What is put to the agency head: a referral (簽報首長核可), a report (陳報), an extension (展延). */
export const HEAD_DECISION_SUBJECTS = ['referral', 'report', 'extension'] as const;
export type HeadDecisionSubject = (typeof HEAD_DECISION_SUBJECTS)[number];

export const HEAD_DECISIONS = ['approved', 'returned'] as const;
export type HeadDecision = (typeof HEAD_DECISIONS)[number];

export const REPLY_CHANNELS = ['phone', 'letter', 'email', 'fax', 'in_person', 'sms', 'other'] as const;
export type ReplyChannel = (typeof REPLY_CHANNELS)[number];
/** Channels that leave the citizen something in writing (書面), as an extension's notice must. */
export const WRITTEN_CHANNELS: readonly ReplyChannel[] = ['letter', 'email', 'fax'];

/** What the citizen is told: that another agency now handles the matter (行政程序法§172), or why the reply is extended. */
export const CITIZEN_NOTICE_KINDS = ['referral', 'extension'] as const;
export type CitizenNoticeKind = (typeof CITIZEN_NOTICE_KINDS)[number];

/** Why a reflection may be closed without a citizen reply. */
export const NO_REPLY_REASONS = ['anonymous', 'no_contact'] as const;
export type NoReplyReason = (typeof NO_REPLY_REASONS)[number];

export const PUBLICATION_VENUES = [
  'integrity_meeting',
  'management_meeting',
  'community_association_meeting',
  'village_assembly',
  'news_media',
] as const;
export type PublicationVenue = (typeof PUBLICATION_VENUES)[number];

export const SUMMARY_MAX_LENGTH = 4000;
