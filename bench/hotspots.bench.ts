import { figure } from './figures';
import { hotspotLabelledSet, pairwiseScores, projectLabelledSet } from './hotspot-labelled-set';

const SEEDS = [115, 1, 2, 3, 4, 5];

/**
 * `npm run bench -- hotspots`: how well the projection groups reflections about one matter (pairwise precision and
 * recall on labelled synthetic sets, each seed a different draw of paraphrases), and how fast it keeps them.
 */
export async function benchHotspots(): Promise<void> {
  console.log('Hotspots on the labelled set (bench/hotspot-labelled-set.ts), batches of 50');
  let grouped = 0;
  let same = 0;
  let both = 0;
  for (const seed of SEEDS) {
    const set = hotspotLabelledSet(seed);
    const { groups } = await projectLabelledSet(set, 50);
    const scores = pairwiseScores(set.map((r) => r.matter), groups);
    console.log(`  seed ${seed}: ${set.length} reflections, ${groups.length} hotspots; precision ${scores.precision.toFixed(3)}, recall ${scores.recall.toFixed(3)}`);
    ({ grouped, same, both } = { grouped: grouped + scores.pairs.grouped, same: same + scores.pairs.same, both: both + scores.pairs.both });
  }
  figure('hotspots.precision', both / grouped, 'ratio', { target: '≥ 0.9' });
  figure('hotspots.recall', both / same, 'ratio', { target: '≥ 0.8' });
  console.log(`  all seeds: precision ${(both / grouped).toFixed(3)} (target ≥ 0.9), recall ${(both / same).toFixed(3)} (target ≥ 0.8)`);

  // Throughput: many draws of the set in one log, the matters raised again and again over two years.
  const many = Array.from({ length: 40 }, (_, i) => hotspotLabelledSet(1000 + i, 40).map((r) => ({ ...r, day: r.day + i * 18 }))).flat();
  const { seconds, hotspots } = await projectLabelledSet(many, 250);
  figure('hotspots.projection', many.length / seconds, 'reflections/s');
  console.log(`  ${many.length} reflections projected with their hotspots in ${seconds.toFixed(1)} s (${(many.length / seconds).toFixed(0)} reflections/s), ${hotspots.length} hotspots`);
}
