import { geoMercator, geoPath } from 'd3-geo';
import type { FeatureCollection, Geometry } from 'geojson';
import { useEffect, useState } from 'react';
import { MapSpace, WhenSeen } from './when-seen';

interface PlaceProperties {
  code: string;
  county: string;
  town: string | null;
  village: string | null;
}

export interface MapCount {
  county: string | null;
  town: string | null;
  village: string | null;
  count: number;
}

const WIDTH = 360;
const HEIGHT = 420;
/** Five steps of one blue, light to dark; places with none stay pale grey. */
const STEPS = ['#dbe7f5', '#a9c4e6', '#6d98cf', '#3a6cb0', '#123b6d'];

const nameOf = (p: PlaceProperties, level: 'county' | 'town' | 'village') => (level === 'county' ? p.county : level === 'town' ? `${p.county}${p.town}` : `${p.town}${p.village}`);
const keyOf = (place: { county: string | null; town: string | null; village: string | null }, level: 'county' | 'town' | 'village') =>
  level === 'county' ? place.county : level === 'town' ? `${place.county}/${place.town}` : `${place.county}/${place.town}/${place.village}`;

/** A map drawn once scrolled to (see WhenSeen). */
export function PlaceMap(props: Parameters<typeof DrawnMap>[0]) {
  return (
    <WhenSeen>
      <DrawnMap {...props} />
    </WhenSeen>
  );
}

/**
 * The counts of the table beside it, drawn on the register's shapes (every county, or one county's towns or
 * villages), each place shaded by its count. The table is the way to read the numbers; the map shows where, and
 * each shape names itself and its count on hover and to assistive technology.
 */
function DrawnMap({ level, county, counts, what = '反映件數' }: { level: 'county' | 'town' | 'village'; county: string | null; counts: MapCount[]; what?: string }) {
  const [shapes, setShapes] = useState<FeatureCollection<Geometry, PlaceProperties> | null>(null);
  const [failed, setFailed] = useState(false);
  const query = level === 'county' ? 'level=county' : `level=${level}&county=${encodeURIComponent(county ?? '')}`;
  useEffect(() => {
    setShapes(null);
    setFailed(false);
    // Public register data the browser keeps a week: fetched without the session's headers.
    fetch(`/api/v1/places/shapes?${query}`)
      .then((response) => (response.ok ? response.json() : Promise.reject(new Error(String(response.status)))))
      .then(setShapes, () => setFailed(true));
  }, [query]);
  if (failed) return <p className="error">地圖無法載入，請參閱右側表格。</p>;
  if (!shapes) return <MapSpace />;
  const byPlace = new Map(counts.map((c) => [keyOf(c, level), c.count]));
  const highest = Math.max(1, ...counts.map((c) => c.count));
  const path = geoPath(geoMercator().fitSize([WIDTH, HEIGHT], shapes));
  const shade = (count: number) => (count === 0 ? '#f1f1f1' : STEPS[Math.min(STEPS.length - 1, Math.floor(((count - 1) / highest) * STEPS.length))]);
  const where = level === 'county' ? '全國各縣市' : `${county}各${level === 'town' ? '鄉鎮市區' : '村里'}`;
  return (
    <figure className="place-map">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`${where}${what}地圖`}>
        {shapes.features.map((f) => {
          const count = byPlace.get(keyOf(f.properties, level)) ?? 0;
          return (
            <path key={f.properties.code} d={path(f) ?? ''} fill={shade(count)} stroke="#ffffff" strokeWidth={0.5} data-count={count}>
              <title>
                {nameOf(f.properties, level)}：{count} 件
              </title>
            </path>
          );
        })}
      </svg>
      <figcaption>
        {where}
        {what}（顏色越深件數越多，最多 {highest} 件；數字見表格）
      </figcaption>
    </figure>
  );
}
