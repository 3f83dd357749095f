import type { OutreachRecorded, PromotionRecorded, SiteRegistered } from '@integrity/domain';

/** Registers as read models: what the creating event recorded, keyed by the stream's id. */
export type SiteDocument = { _id: string; _position: string } & SiteRegistered['data'];
export type OutreachDocument = { _id: string; _position: string } & OutreachRecorded['data'];
export type PromotionDocument = { _id: string; _position: string } & PromotionRecorded['data'];
