import {
  AreaGeometry,
  GeoFeatureCollection,
  LinearRing,
  Point,
  fitProjection,
  geoBounds,
  geometryToPath,
  labelPoint,
  poleOfInaccessibility,
  polygonCentroid,
  projectFeatureCollection,
  signedDistance,
} from './geo-projection';

/** Closed ring of the box from (lon0, lat0) to (lon1, lat1), counter-clockwise as GeoJSON wants outer rings. */
function box(lon0: number, lat0: number, lon1: number, lat1: number): LinearRing {
  return [
    [lon0, lat0],
    [lon1, lat0],
    [lon1, lat1],
    [lon0, lat1],
    [lon0, lat0],
  ];
}

function polygon(...rings: LinearRing[]): AreaGeometry {
  return { type: 'Polygon', coordinates: rings };
}

/** The subpaths of an SVG path, each as a list of [x, y] points. */
function subpaths(path: string): number[][][] {
  return path
    .split('M')
    .filter((part) => part !== '')
    .map((part) => {
      expect(part.endsWith('Z')).toBe(true);
      return part
        .slice(0, -1)
        .split('L')
        .map((pair) => pair.split(',').map(Number));
    });
}

describe('fitProjection', () => {
  it('maps a square at the equator onto the whole viewBox, north up', () => {
    const projection = fitProjection({ minLon: 10, minLat: -1, maxLon: 12, maxLat: 1 }, { width: 100 });

    expect(projection.width).toBe(100);
    expect(projection.height).toBeCloseTo(100, 10);
    expect(projection.project([10, 1])).toEqual({ x: 0, y: 0 });
    expect(projection.project([12, -1])).toEqual({ x: 100, y: 100 });
    expect(projection.project([11, 0])).toEqual({ x: 50, y: 50 });
  });

  it('shortens longitudes by the cosine of the middle latitude', () => {
    // At 60° N a degree of longitude is half as long as a degree of latitude.
    const projection = fitProjection({ minLon: 0, minLat: 59.5, maxLon: 2, maxLat: 60.5 }, { width: 100 });

    expect(projection.height).toBeCloseTo(100, 10);
    const middle = projection.project([1, 60]);
    expect(middle.x).toBeCloseTo(50, 10);
    expect(middle.y).toBeCloseTo(50, 10);
  });

  it('keeps the padding free on every side', () => {
    const projection = fitProjection({ minLon: 10, minLat: -1, maxLon: 12, maxLat: 1 }, { width: 120, padding: 10 });

    expect(projection.height).toBeCloseTo(120, 10);
    expect(projection.project([10, 1])).toEqual({ x: 10, y: 10 });
    expect(projection.project([12, -1])).toEqual({ x: 110, y: 110 });
  });

  it('refuses a viewBox that the padding fills completely', () => {
    expect(() => fitProjection({ minLon: 0, minLat: 0, maxLon: 1, maxLat: 1 }, { width: 20, padding: 10 })).toThrow();
  });
});

describe('geoBounds', () => {
  it('covers every ring of every geometry', () => {
    const bounds = geoBounds([
      polygon(box(11, 51, 12, 52)),
      { type: 'MultiPolygon', coordinates: [[box(10.5, 51.5, 11, 52)], [box(12, 50.9, 13.2, 53)]] },
    ]);

    expect(bounds).toEqual({ minLon: 10.5, minLat: 50.9, maxLon: 13.2, maxLat: 53 });
  });

  it('refuses geometries without positions', () => {
    expect(() => geoBounds([])).toThrow();
  });
});

describe('geometryToPath', () => {
  const projection = fitProjection({ minLon: 10, minLat: -1, maxLon: 12, maxLat: 1 }, { width: 100 });

  it('draws a square as one closed subpath without repeating the first point', () => {
    expect(geometryToPath(polygon(box(10, -1, 12, 1)), projection)).toBe('M0,100L100,100L100,0L0,0Z');
  });

  it('draws a hole as a second subpath', () => {
    const path = geometryToPath(polygon(box(10, -1, 12, 1), box(10.5, -0.5, 11.5, 0.5)), projection);

    expect(subpaths(path)).toEqual([
      [
        [0, 100],
        [100, 100],
        [100, 0],
        [0, 0],
      ],
      [
        [25, 75],
        [75, 75],
        [75, 25],
        [25, 25],
      ],
    ]);
  });

  it('draws every polygon of a MultiPolygon', () => {
    const path = geometryToPath(
      { type: 'MultiPolygon', coordinates: [[box(10, -1, 11, 0)], [box(11.5, 0.5, 12, 1)]] },
      projection,
    );

    expect(subpaths(path)).toEqual([
      [
        [0, 100],
        [50, 100],
        [50, 50],
        [0, 50],
      ],
      [
        [75, 25],
        [100, 25],
        [100, 0],
        [75, 0],
      ],
    ]);
  });

  it('rounds to the given precision and drops points that then coincide', () => {
    const ring: LinearRing = [
      [10, -1],
      [10.0002, -1],
      [12, -1],
      [12, 1],
      [10.00001, 1],
      [10, -1],
    ];

    expect(geometryToPath(polygon(ring), projection, 2)).toBe('M0,100L0.01,100L100,100L100,0L0,0Z');
    expect(geometryToPath(polygon(ring), projection, 0)).toBe('M0,100L100,100L100,0L0,0Z');
  });

  it('leaves out rings that collapse below three points', () => {
    const sliver = box(11, 0, 11.00001, 0.00001);

    expect(geometryToPath(polygon(box(10, -1, 12, 1), sliver), projection)).toBe('M0,100L100,100L100,0L0,0Z');
  });
});

describe('signedDistance', () => {
  const square: Point[] = [
    { x: 0, y: 0 },
    { x: 10, y: 0 },
    { x: 10, y: 10 },
    { x: 0, y: 10 },
  ];
  const hole: Point[] = [
    { x: 4, y: 4 },
    { x: 6, y: 4 },
    { x: 6, y: 6 },
    { x: 4, y: 6 },
  ];

  it('is positive inside, negative outside and counts a hole as outside', () => {
    expect(signedDistance({ x: 2, y: 5 }, [square])).toBeCloseTo(2, 10);
    expect(signedDistance({ x: 13, y: 5 }, [square])).toBeCloseTo(-3, 10);
    expect(signedDistance({ x: 5, y: 5 }, [square, hole])).toBeCloseTo(-1, 10);
    expect(signedDistance({ x: 2, y: 5 }, [square, hole])).toBeCloseTo(2, 10);
  });
});

describe('poleOfInaccessibility', () => {
  it('finds the middle of a square', () => {
    const pole = poleOfInaccessibility(
      [
        [
          { x: 0, y: 0 },
          { x: 40, y: 0 },
          { x: 40, y: 40 },
          { x: 0, y: 40 },
        ],
      ],
      0.1,
    );

    expect(pole.x).toBeCloseTo(20, 0);
    expect(pole.y).toBeCloseTo(20, 0);
  });

  it('stays in the thick part of an L shape, where the centroid would be near the corner', () => {
    // A 100×100 square without its upper right 80×80: two 20-wide arms.
    const l: Point[] = [
      { x: 0, y: 0 },
      { x: 20, y: 0 },
      { x: 20, y: 80 },
      { x: 100, y: 80 },
      { x: 100, y: 100 },
      { x: 0, y: 100 },
    ];
    const pole = poleOfInaccessibility([l], 0.1);

    expect(signedDistance(pole, [l])).toBeGreaterThan(9.5);
  });
});

describe('polygonCentroid', () => {
  it('moves away from a hole', () => {
    const outer: Point[] = [
      { x: 0, y: 0 },
      { x: 30, y: 0 },
      { x: 30, y: 10 },
      { x: 0, y: 10 },
    ];
    const hole: Point[] = [
      { x: 20, y: 2 },
      { x: 28, y: 2 },
      { x: 28, y: 8 },
      { x: 20, y: 8 },
    ];

    expect(polygonCentroid([outer]).x).toBeCloseTo(15, 10);
    expect(polygonCentroid([outer, hole]).x).toBeLessThan(14);
    // The winding of the rings does not matter.
    expect(polygonCentroid([[...outer].reverse(), hole]).x).toBeCloseTo(polygonCentroid([outer, hole]).x, 10);
  });
});

describe('labelPoint', () => {
  const projection = fitProjection({ minLon: 10, minLat: -1, maxLon: 12, maxLat: 1 }, { width: 100 });

  it('puts the label of a square in its middle', () => {
    expect(labelPoint(polygon(box(10, -1, 12, 1)), projection)).toEqual({ x: 50, y: 50 });
  });

  it('keeps the label of a district around a city out of the city (the hole)', () => {
    const city = box(10.8, -0.2, 11.2, 0.2);
    const label = labelPoint(polygon(box(10, -1, 12, 1), city), projection);
    const cityLabel = labelPoint(polygon(city), projection);

    expect(cityLabel).toEqual({ x: 50, y: 50 });
    const inCity = label.x > 40 && label.x < 60 && label.y > 40 && label.y < 60;
    expect(inCity).toBe(false);
    // Well inside the ring around the city: at least 15 units from every edge.
    const rings = [box(10, -1, 12, 1), city].map((ring) => ring.map((p) => projection.project(p)));
    expect(signedDistance(label, rings)).toBeGreaterThan(15);
  });

  it('labels the largest polygon of a MultiPolygon', () => {
    const label = labelPoint(
      { type: 'MultiPolygon', coordinates: [[box(10, -1, 10.2, -0.8)], [box(11, 0, 12, 1)]] },
      projection,
    );

    expect(label).toEqual({ x: 75, y: 25 });
  });
});

describe('projectFeatureCollection', () => {
  it('fits all features into one viewBox and keeps their properties', () => {
    const collection: GeoFeatureCollection<{ key: string }> = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { key: 'west' }, geometry: polygon(box(10, -1, 11, 1)) },
        { type: 'Feature', properties: { key: 'east' }, geometry: polygon(box(11, -1, 12, 1)) },
      ],
    };

    const map = projectFeatureCollection(collection, { width: 104, padding: 2 });

    expect(map.width).toBe(104);
    expect(map.height).toBe(104);
    expect(map.features.map((f) => f.properties.key)).toEqual(['west', 'east']);
    expect(map.features[0].path).toBe('M2,102L52,102L52,2L2,2Z');
    expect(map.features[1].path).toBe('M52,102L102,102L102,2L52,2Z');
    expect(map.features[0].label).toEqual({ x: 27, y: 52 });
    expect(map.features[1].label).toEqual({ x: 77, y: 52 });
  });
});
