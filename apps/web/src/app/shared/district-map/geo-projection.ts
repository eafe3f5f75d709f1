// Pure functions that turn GeoJSON areas (EPSG:4326, longitude/latitude in degrees) into SVG path
// data. Hand-written on purpose: an overview map of one federal state needs no projection library.

/** A GeoJSON position: `[longitude, latitude]` in degrees. */
export type Position = readonly number[];

/** A closed ring of positions (the first position is repeated at the end). */
export type LinearRing = readonly Position[];

/** A GeoJSON Polygon: the outer ring first, then its holes. */
export interface PolygonGeometry {
  readonly type: 'Polygon';
  readonly coordinates: readonly LinearRing[];
}

/** A GeoJSON MultiPolygon: several polygons that form one area (e.g. a district with an exclave). */
export interface MultiPolygonGeometry {
  readonly type: 'MultiPolygon';
  readonly coordinates: readonly (readonly LinearRing[])[];
}

export type AreaGeometry = PolygonGeometry | MultiPolygonGeometry;

export interface GeoFeature<P> {
  readonly type: 'Feature';
  readonly properties: P;
  readonly geometry: AreaGeometry;
}

export interface GeoFeatureCollection<P> {
  readonly type: 'FeatureCollection';
  readonly features: readonly GeoFeature<P>[];
}

/** A point in SVG user units (y grows downwards). */
export interface Point {
  readonly x: number;
  readonly y: number;
}

/** Geographic bounding box in degrees. */
export interface GeoBounds {
  readonly minLon: number;
  readonly minLat: number;
  readonly maxLon: number;
  readonly maxLat: number;
}

/** Maps positions into a viewBox of `0 0 width height`. */
export interface Projection {
  readonly width: number;
  readonly height: number;
  project(position: Position): Point;
}

export interface FitOptions {
  /** Width of the viewBox in user units; the height follows from the shape of the area. */
  readonly width: number;
  /** Empty margin on every side, in user units (room for outlines). */
  readonly padding?: number;
}

/** One feature ready to draw. */
export interface ProjectedFeature<P> {
  readonly properties: P;
  /** SVG path data: one closed subpath per ring; draw it with `fill-rule="evenodd"` so holes stay empty. */
  readonly path: string;
  /** Where a label sits well inside the area (pole of inaccessibility of its largest polygon). */
  readonly label: Point;
}

export interface ProjectedMap<P> {
  readonly width: number;
  readonly height: number;
  readonly features: readonly ProjectedFeature<P>[];
}

/** The polygons of a geometry, each as `[outer ring, ...holes]`. */
export function polygonsOf(geometry: AreaGeometry): readonly (readonly LinearRing[])[] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

/** Smallest box around all positions of the given geometries. */
export function geoBounds(geometries: readonly AreaGeometry[]): GeoBounds {
  let minLon = Infinity;
  let minLat = Infinity;
  let maxLon = -Infinity;
  let maxLat = -Infinity;
  for (const geometry of geometries) {
    for (const polygon of polygonsOf(geometry)) {
      for (const ring of polygon) {
        for (const [lon, lat] of ring) {
          minLon = Math.min(minLon, lon);
          maxLon = Math.max(maxLon, lon);
          minLat = Math.min(minLat, lat);
          maxLat = Math.max(maxLat, lat);
        }
      }
    }
  }
  if (!Number.isFinite(minLon) || !Number.isFinite(minLat)) {
    throw new Error('Cannot fit a projection to geometries without positions');
  }
  return { minLon, minLat, maxLon, maxLat };
}

/**
 * Equirectangular projection centred on the middle latitude of `bounds`: longitudes are shortened
 * by cos(mid-latitude) so that shapes keep their proportions near that latitude, then the whole box
 * is scaled to `width` (minus padding). North is up.
 */
export function fitProjection(bounds: GeoBounds, options: FitOptions): Projection {
  const padding = options.padding ?? 0;
  const innerWidth = options.width - 2 * padding;
  if (!(innerWidth > 0)) {
    throw new Error('The viewBox must be wider than twice the padding');
  }
  const midLatitude = ((bounds.minLat + bounds.maxLat) / 2) * (Math.PI / 180);
  const xFactor = Math.cos(midLatitude);
  const projectedWidth = (bounds.maxLon - bounds.minLon) * xFactor;
  const projectedHeight = bounds.maxLat - bounds.minLat;
  // A single point or a vertical line has no width; fall back to its height (or 1) as the scale base.
  const scale = innerWidth / (projectedWidth > 0 ? projectedWidth : projectedHeight > 0 ? projectedHeight : 1);
  return {
    width: options.width,
    height: projectedHeight * scale + 2 * padding,
    project: ([lon, lat]) => ({
      x: padding + (lon - bounds.minLon) * xFactor * scale,
      y: padding + (bounds.maxLat - lat) * scale,
    }),
  };
}

function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  // `+ 0` turns -0 into 0, so paths never contain "-0".
  return Math.round(value * factor) / factor + 0;
}

/** Projects a ring; drops the closing repetition and points that coincide after rounding. */
function projectRing(ring: LinearRing, projection: Projection, decimals: number): Point[] {
  const points: Point[] = [];
  for (const position of ring) {
    const projected = projection.project(position);
    const point = { x: round(projected.x, decimals), y: round(projected.y, decimals) };
    const previous = points[points.length - 1];
    if (!previous || previous.x !== point.x || previous.y !== point.y) {
      points.push(point);
    }
  }
  const first = points[0];
  const last = points[points.length - 1];
  if (points.length > 1 && first.x === last.x && first.y === last.y) {
    points.pop();
  }
  return points;
}

/**
 * SVG path data for a Polygon or MultiPolygon: `M x,y L x,y … Z` for every ring, holes included.
 * Rings that collapse to fewer than three points at the given precision are left out.
 */
export function geometryToPath(geometry: AreaGeometry, projection: Projection, decimals = 1): string {
  const subpaths: string[] = [];
  for (const polygon of polygonsOf(geometry)) {
    for (const ring of polygon) {
      const points = projectRing(ring, projection, decimals);
      if (points.length >= 3) {
        subpaths.push('M' + points.map((p) => `${p.x},${p.y}`).join('L') + 'Z');
      }
    }
  }
  return subpaths.join('');
}

/** Signed area of a ring (shoelace formula); the sign depends on the winding direction. */
export function ringArea(ring: readonly Point[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    sum += (ring[j].x - ring[i].x) * (ring[j].y + ring[i].y);
  }
  return sum / 2;
}

/** Area of a polygon: the outer ring minus its holes. */
function polygonArea(rings: readonly (readonly Point[])[]): number {
  return rings.reduce((area, ring, index) => area + (index === 0 ? 1 : -1) * Math.abs(ringArea(ring)), 0);
}

/** Distance from a point to the segment a–b, squared. */
function segmentDistanceSquared(p: Point, a: Point, b: Point): number {
  let x = a.x;
  let y = a.y;
  let dx = b.x - x;
  let dy = b.y - y;
  if (dx !== 0 || dy !== 0) {
    const t = ((p.x - x) * dx + (p.y - y) * dy) / (dx * dx + dy * dy);
    if (t > 1) {
      x = b.x;
      y = b.y;
    } else if (t > 0) {
      x += dx * t;
      y += dy * t;
    }
  }
  dx = p.x - x;
  dy = p.y - y;
  return dx * dx + dy * dy;
}

/**
 * Distance from `p` to the nearest edge of the polygon: positive inside, negative outside. Inside
 * means the even-odd rule, so a point in a hole counts as outside.
 */
export function signedDistance(p: Point, rings: readonly (readonly Point[])[]): number {
  let inside = false;
  let minimum = Infinity;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const a = ring[i];
      const b = ring[j];
      if (a.y > p.y !== b.y > p.y && p.x < ((b.x - a.x) * (p.y - a.y)) / (b.y - a.y) + a.x) {
        inside = !inside;
      }
      minimum = Math.min(minimum, segmentDistanceSquared(p, a, b));
    }
  }
  return (inside ? 1 : -1) * Math.sqrt(minimum);
}

interface Cell {
  readonly x: number;
  readonly y: number;
  /** Half the cell size. */
  readonly half: number;
  /** Signed distance from the cell centre to the polygon. */
  readonly distance: number;
  /** The best distance any point in the cell could have. */
  readonly potential: number;
}

function cell(x: number, y: number, half: number, rings: readonly (readonly Point[])[]): Cell {
  const distance = signedDistance({ x, y }, rings);
  return { x, y, half, distance, potential: distance + half * Math.SQRT2 };
}

/** Minimal binary max-heap of cells, ordered by potential. */
class CellQueue {
  private readonly items: Cell[] = [];

  get size(): number {
    return this.items.length;
  }

  push(item: Cell): void {
    const items = this.items;
    items.push(item);
    let index = items.length - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (items[parent].potential >= item.potential) break;
      items[index] = items[parent];
      index = parent;
    }
    items[index] = item;
  }

  pop(): Cell | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last) {
      let index = 0;
      for (;;) {
        const left = 2 * index + 1;
        const right = left + 1;
        let largest = index;
        let largestPotential = last.potential;
        if (left < items.length && items[left].potential > largestPotential) {
          largest = left;
          largestPotential = items[left].potential;
        }
        if (right < items.length && items[right].potential > largestPotential) {
          largest = right;
        }
        if (largest === index) break;
        items[index] = items[largest];
        index = largest;
      }
      items[index] = last;
    }
    return top;
  }
}

/** Centroid of the outer ring (area-weighted); a start candidate for the search. */
function ringCentroid(ring: readonly Point[]): Point {
  let x = 0;
  let y = 0;
  let area = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i];
    const b = ring[j];
    const f = a.x * b.y - b.x * a.y;
    x += (a.x + b.x) * f;
    y += (a.y + b.y) * f;
    area += f * 3;
  }
  return area === 0 ? ring[0] : { x: x / area, y: y / area };
}

/**
 * Pole of inaccessibility: the point inside the polygon farthest from its edges, found to within
 * `precision` by a quadtree search (the "polylabel" method). Better than the centroid for labels:
 * it never falls into a hole or outside a concave shape.
 */
export function poleOfInaccessibility(rings: readonly (readonly Point[])[], precision = 1): Point {
  const outer = rings[0];
  if (!outer || outer.length === 0) {
    throw new Error('A polygon needs an outer ring');
  }
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const p of outer) {
    minX = Math.min(minX, p.x);
    minY = Math.min(minY, p.y);
    maxX = Math.max(maxX, p.x);
    maxY = Math.max(maxY, p.y);
  }
  const width = maxX - minX;
  const height = maxY - minY;
  const size = Math.min(width, height);
  if (size === 0) {
    return { x: minX + width / 2, y: minY + height / 2 };
  }

  const queue = new CellQueue();
  const half = size / 2;
  for (let x = minX; x < maxX; x += size) {
    for (let y = minY; y < maxY; y += size) {
      queue.push(cell(x + half, y + half, half, rings));
    }
  }

  const centroid = ringCentroid(outer);
  let best = cell(centroid.x, centroid.y, 0, rings);
  const boxCentre = cell(minX + width / 2, minY + height / 2, 0, rings);
  if (boxCentre.distance > best.distance) {
    best = boxCentre;
  }

  for (let next = queue.pop(); next; next = queue.pop()) {
    if (next.distance > best.distance) {
      best = next;
    }
    if (next.potential - best.distance <= precision) {
      continue;
    }
    const quarter = next.half / 2;
    queue.push(cell(next.x - quarter, next.y - quarter, quarter, rings));
    queue.push(cell(next.x + quarter, next.y - quarter, quarter, rings));
    queue.push(cell(next.x - quarter, next.y + quarter, quarter, rings));
    queue.push(cell(next.x + quarter, next.y + quarter, quarter, rings));
  }
  return { x: best.x, y: best.y };
}

/**
 * Centroid of a polygon with holes (area-weighted over all rings). May lie outside a concave
 * polygon or inside a hole; the caller checks.
 */
export function polygonCentroid(rings: readonly (readonly Point[])[]): Point {
  let x = 0;
  let y = 0;
  let area = 0;
  rings.forEach((ring, index) => {
    const ringSign = Math.sign(ringArea(ring)) || 1;
    // Outer ring counts positive, holes negative, whatever their winding.
    const sign = index === 0 ? ringSign : -ringSign;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const a = ring[i];
      const b = ring[j];
      const f = (a.x * b.y - b.x * a.y) * sign;
      x += (a.x + b.x) * f;
      y += (a.y + b.y) * f;
      area += f * 3;
    }
  });
  return area === 0 ? rings[0][0] : { x: x / area, y: y / area };
}

/**
 * How much room the centroid must offer, as a share of the room at the pole of inaccessibility,
 * to be used as the label point. The centroid is where the eye puts the middle of an area; the
 * pole only wins where the centroid lies near an edge, in a hole or outside (concave shapes).
 */
export const CENTROID_ROOM_SHARE = 0.6;

/**
 * A label point for the geometry, inside its largest polygon: the centroid when it has enough room
 * around it, else the pole of inaccessibility.
 */
export function labelPoint(geometry: AreaGeometry, projection: Projection, precision = 0.5): Point {
  let largest: Point[][] | undefined;
  let largestArea = -Infinity;
  for (const polygon of polygonsOf(geometry)) {
    const rings = polygon.map((ring) => ring.map((position) => projection.project(position)));
    const area = polygonArea(rings);
    if (rings.length > 0 && area > largestArea) {
      largest = rings;
      largestArea = area;
    }
  }
  if (!largest) {
    throw new Error('A geometry needs at least one polygon');
  }
  const pole = poleOfInaccessibility(largest, precision);
  const centroid = polygonCentroid(largest);
  const best =
    signedDistance(centroid, largest) >= CENTROID_ROOM_SHARE * signedDistance(pole, largest) ? centroid : pole;
  return { x: round(best.x, 1), y: round(best.y, 1) };
}

/** Fits all features into one viewBox and projects each into a path with a label point. */
export function projectFeatureCollection<P>(
  collection: GeoFeatureCollection<P>,
  options: FitOptions,
  decimals = 1,
): ProjectedMap<P> {
  const projection = fitProjection(geoBounds(collection.features.map((feature) => feature.geometry)), options);
  return {
    width: options.width,
    height: round(projection.height, decimals),
    features: collection.features.map((feature) => ({
      properties: feature.properties,
      path: geometryToPath(feature.geometry, projection, decimals),
      label: labelPoint(feature.geometry, projection),
    })),
  };
}
