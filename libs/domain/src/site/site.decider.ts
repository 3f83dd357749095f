import type { Decider, DomainEvent } from '../core/decider';
import { conflict, invalid, notFound } from '../core/domain-error';
import { NAME_MAX_LENGTH, oneOf, optionalText, requiredText } from '../core/input-rules';
import { normalizeTaiwanPhone } from '../reflection/taiwan-phone';

export const SITE_TYPES = ['village_office', 'community_association', 'school', 'public_interest_org', 'other'] as const;
export type SiteType = (typeof SITE_TYPES)[number];

export interface PlatformContact {
  name: string;
  phone: string | null;
}

/**
 * A platform site (平臺地點) with its platform contact (平臺聯絡人); stream `site-<uuid>`. Version 2 added
 * `villageCode`: the village's official code (村里代碼) in the Ministry of the Interior's register, whose names the
 * county, township and village then are (null before v2, and for a site placed no finer than its town).
 */
export type SiteRegistered = DomainEvent<
  'SiteRegistered',
  {
    siteId: string;
    unitId: string;
    type: SiteType;
    name: string;
    county: string;
    township: string;
    village: string | null;
    villageCode: string | null;
    contact: PlatformContact | null;
  }
>;
/** A village of the Ministry of the Interior's register: its official code (村里代碼) and the register's names. */
export interface VillagePlace {
  villageCode: string;
  county: string;
  township: string;
  village: string;
}

/**
 * A site registered before villages had codes, placed in the register's village afterwards: matched by its names
 * (`matched_by_name`, at start) or chosen by an administrator where its names matched none (`chosen`).
 */
export type SitePlaced = DomainEvent<'SitePlaced', VillagePlace & { how: 'matched_by_name' | 'chosen' }>;
export type SiteEvent = SiteRegistered | SitePlaced;
export const SITE_EVENT_VERSIONS: Record<SiteEvent['type'], number> = { SiteRegistered: 2, SitePlaced: 1 };

/** A stored site event's data in its current shape; null for an unknown type or a newer version. */
export function upcastSiteEvent(type: string, version: number, data: Record<string, unknown>): Record<string, unknown> | null {
  const current = SITE_EVENT_VERSIONS[type as SiteEvent['type']];
  if (current === undefined || version < 1 || version > current) return null;
  return type === 'SiteRegistered' && version === 1 ? { ...data, villageCode: null } : data;
}

export interface RegisterSite {
  type: 'RegisterSite';
  siteId: string;
  unitId: string;
  siteType: string;
  name: string;
  county: string;
  township: string;
  village?: string | null;
  /** The register's code of the village, whose names the command then carries (the application looks them up). */
  villageCode?: string | null;
  contact?: { name?: string | null; phone?: string | null } | null;
}
export interface PlaceSite {
  type: 'PlaceSite';
  villageCode: string;
  county: string;
  township: string;
  village: string;
  how: 'matched_by_name' | 'chosen';
}
export type SiteCommand = RegisterSite | PlaceSite;

export type SiteState = { registered: false } | { registered: true; site: SiteRegistered['data'] };

function contactOf(contact: RegisterSite['contact']): PlatformContact | null {
  if (!contact) return null;
  const phone = optionalText(contact.phone, 'contact.phone', NAME_MAX_LENGTH);
  if (phone !== null && normalizeTaiwanPhone(phone) === null) {
    throw invalid('INVALID_PHONE', 'contact.phone', 'contact.phone is not a Taiwanese phone number');
  }
  return { name: requiredText(contact.name, 'contact.name', NAME_MAX_LENGTH), phone };
}

/** 村里代碼: eleven digits (county, town, village). */
function villageCodeOf(code: string | null | undefined): string | null {
  if (code === null || code === undefined) return null;
  if (!/^\d{11}$/.test(code)) throw invalid('UNKNOWN_VILLAGE', 'villageCode', 'villageCode must be a village code of the register (11 digits)');
  return code;
}

export const siteDecider: Decider<SiteCommand, SiteEvent, SiteState> = {
  initialState: () => ({ registered: false }),
  decide(command, state) {
    if (command.type === 'PlaceSite') {
      if (!state.registered) throw notFound('SITE_NOT_FOUND', 'No such platform site');
      const villageCode = villageCodeOf(command.villageCode) as string;
      // Placed already where asked: nothing new (a start that matches again, an administrator's second click).
      if (state.site.villageCode === villageCode) return [];
      const { county, township, village, how } = command;
      return [{ type: 'SitePlaced', data: { villageCode, county, township, village, how: oneOf(how, ['matched_by_name', 'chosen'] as const, 'how') } }];
    }
    if (state.registered) throw conflict('SITE_ALREADY_REGISTERED', 'This site is already registered');
    return [
      {
        type: 'SiteRegistered',
        data: {
          siteId: command.siteId,
          unitId: command.unitId,
          type: oneOf(command.siteType, SITE_TYPES, 'type'),
          name: requiredText(command.name, 'name', NAME_MAX_LENGTH),
          county: requiredText(command.county, 'county', NAME_MAX_LENGTH),
          township: requiredText(command.township, 'township', NAME_MAX_LENGTH),
          village: optionalText(command.village, 'village', NAME_MAX_LENGTH),
          villageCode: villageCodeOf(command.villageCode),
          contact: contactOf(command.contact),
        },
      },
    ];
  },
  evolve: (state, event) => {
    if (event.type === 'SiteRegistered') return { registered: true, site: event.data };
    if (!state.registered) return state;
    const { how: _how, ...placed } = event.data;
    return { registered: true, site: { ...state.site, ...placed } };
  },
};
