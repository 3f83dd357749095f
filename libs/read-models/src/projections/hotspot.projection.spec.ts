import { hotspotLabelledSet, pairwiseScores, projectLabelledSet, type LabelledReflection } from '../../../../bench/hotspot-labelled-set';

/** Hotspots as the projection keeps them, measured on the labelled set `npm run bench -- hotspots` prints. */
describe('hotspots', () => {
  it('groups the labelled set’s matters with precision ≥ 0.9 and recall ≥ 0.8, in batches of any size alike', async () => {
    const set = hotspotLabelledSet();
    const labels = set.map((r) => r.matter);
    const { groups } = await projectLabelledSet(set, 50);
    const { precision, recall } = pairwiseScores(labels, groups);
    expect(precision).toBeGreaterThanOrEqual(0.9);
    expect(recall).toBeGreaterThanOrEqual(0.8);
    // The same log in batches of one and of the whole: the same hotspots.
    const sorted = (gs: number[][]) => gs.map((g) => [...g].sort((a, b) => a - b)).sort((a, b) => a[0] - b[0]);
    expect(sorted((await projectLabelledSet(set, 1)).groups)).toEqual(sorted(groups));
    expect(sorted((await projectLabelledSet(set, set.length)).groups)).toEqual(sorted(groups));
  });

  it('holds a matter raised with three units as one hotspot of three units once the third is projected, and nothing unrelated', async () => {
    const matter = (unit: number, villageCode: string, summary: string, day: number): LabelledReflection => ({ matter: 'levee', unit, villageCode, category: 'public_facilities', theme: 'disaster_relief', summary, day });
    const set = [
      matter(0, '10015010017', '美崙溪堤防地震後出現裂縫，擔心颱風來時潰堤', 0),
      { matter: null, unit: 1, villageCode: '10015010020', category: 'public_facilities', theme: 'disaster_relief', summary: '避難收容處所標示不清，外地遊客找不到', day: 1 },
      matter(1, '10015010026', '居民反映美崙溪堤防地震後龜裂，怕豪雨時堤防崩塌', 2),
      matter(2, '10015010028', '美崙溪護岸堤防地震過後堤身裂開，沿岸住戶擔心安全', 3),
    ];
    const twoUnits = await projectLabelledSet(set.slice(0, 3), 1);
    expect(twoUnits.hotspots.map((h) => h.unitCount)).toEqual([2]);
    const threeUnits = await projectLabelledSet(set, 1);
    expect(threeUnits.groups).toEqual([[0, 2, 3]]);
    expect(threeUnits.hotspots[0]).toMatchObject({ unitCount: 3, size: 3, county: '花蓮縣', township: '花蓮市' });
    expect(threeUnits.hotspots[0].words).toEqual(expect.arrayContaining(['美崙溪', '堤防']));
  });
});
