import type { Decider, DomainEvent } from '../core/decider';
import { conflict, invalid } from '../core/domain-error';
import { NAME_MAX_LENGTH, oneOf, optionalText, requiredText } from '../core/input-rules';
import { normalizeTaiwanPhone } from '../reflection/taiwan-phone';

export const SITE_TYPES = ['village_office', 'community_association', 'school', 'public_interest_org', 'other'] as const;
export type SiteType = (typeof SITE_TYPES)[number];

export interface PlatformContact {
  name: string;
  phone: string | null;
}

/** A platform site (平臺地點) with its platform contact (平臺聯絡人); stream `site-<uuid>`. */
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
    contact: PlatformContact | null;
  }
>;
export type SiteEvent = SiteRegistered;

export interface RegisterSite {
  type: 'RegisterSite';
  siteId: string;
  unitId: string;
  siteType: string;
  name: string;
  county: string;
  township: string;
  village?: string | null;
  contact?: { name?: string | null; phone?: string | null } | null;
}
export type SiteCommand = RegisterSite;

export type SiteState = { registered: false } | { registered: true; site: SiteRegistered['data'] };

function contactOf(contact: RegisterSite['contact']): PlatformContact | null {
  if (!contact) return null;
  const phone = optionalText(contact.phone, 'contact.phone', NAME_MAX_LENGTH);
  if (phone !== null && normalizeTaiwanPhone(phone) === null) {
    throw invalid('INVALID_PHONE', 'contact.phone', 'contact.phone is not a Taiwanese phone number');
  }
  return { name: requiredText(contact.name, 'contact.name', NAME_MAX_LENGTH), phone };
}

export const siteDecider: Decider<SiteCommand, SiteEvent, SiteState> = {
  initialState: () => ({ registered: false }),
  decide(command, state) {
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
          contact: contactOf(command.contact),
        },
      },
    ];
  },
  evolve: (_state, event) => ({ registered: true, site: event.data }),
};
