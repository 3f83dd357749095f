import { specificationOf } from '../testing/decider-specification';
import { siteDecider, upcastSiteEvent, type RegisterSite, type SiteRegistered } from './site.decider';

const given = specificationOf(siteDecider);
const register: RegisterSite = {
  type: 'RegisterSite',
  siteId: 's1',
  unitId: 'u1',
  siteType: 'village_office',
  name: '北區賴村里辦公室',
  county: '臺中市',
  township: '北區',
  village: '賴村里',
  contact: { name: '陳里長', phone: '04-2222-3333' },
};
const registered: SiteRegistered = {
  type: 'SiteRegistered',
  data: {
    siteId: 's1',
    unitId: 'u1',
    type: 'village_office',
    name: '北區賴村里辦公室',
    county: '臺中市',
    township: '北區',
    village: '賴村里',
    villageCode: null,
    contact: { name: '陳里長', phone: '04-2222-3333' },
  },
};

describe('platform sites', () => {
  it('registers a site with its platform contact', () => given([]).when(register).then([registered]));
  it('refuses an unknown site type', () => given([]).when({ ...register, siteType: 'temple' }).thenThrows('NOT_ALLOWED', 'type'));
  it('refuses a contact phone that is not Taiwanese', () =>
    given([]).when({ ...register, contact: { name: '陳里長', phone: '12' } }).thenThrows('INVALID_PHONE', 'contact.phone'));
  it('refuses registering twice', () => given([registered]).when(register).thenThrows('SITE_ALREADY_REGISTERED'));
  it('places a site in a village of the register by its code', () =>
    given([]).when({ ...register, villageCode: '66000060015' }).then([{ type: 'SiteRegistered', data: { ...registered.data, villageCode: '66000060015' } }]));
  it('refuses a village code that is not one', () => given([]).when({ ...register, villageCode: '66-000' }).thenThrows('UNKNOWN_VILLAGE', 'villageCode'));
  it('reads a site registered before villages had codes as placed by name only', () =>
    expect(upcastSiteEvent('SiteRegistered', 1, { siteId: 's1', village: '賴村里' })).toEqual({ siteId: 's1', village: '賴村里', villageCode: null }));
  it('places a site registered by name in the register’s village, once', () => {
    const place = { type: 'PlaceSite' as const, villageCode: '66000050016', county: '臺中市', township: '北區', village: '賴村里', how: 'matched_by_name' as const };
    const placed = { type: 'SitePlaced' as const, data: { villageCode: '66000050016', county: '臺中市', township: '北區', village: '賴村里', how: 'matched_by_name' as const } };
    given([registered]).when(place).then([placed]);
    given([registered, placed]).when(place).then([]);
    given([]).when(place).thenThrows('SITE_NOT_FOUND');
    expect(upcastSiteEvent('SitePlaced', 1, placed.data)).toEqual(placed.data);
  });
});
