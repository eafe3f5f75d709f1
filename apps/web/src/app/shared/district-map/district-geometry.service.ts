import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable, catchError, map, shareReplay, throwError } from 'rxjs';
import { GeoFeatureCollection, ProjectedMap, projectFeatureCollection } from './geo-projection';

/** Where the app serves the district polygons (apps/web/public/data, BKG VG5000, dl-de/by-2-0). */
export const DISTRICTS_GEOJSON_URL = '/data/sachsen-anhalt-kreise.geojson';

/** Width of the map's viewBox in user units; label sizes in the stylesheet are chosen for it. */
export const MAP_VIEWBOX_WIDTH = 600;

/** The properties each district feature carries in the GeoJSON file. */
export interface DistrictFeatureProperties {
  /** 5-digit district key (Kreisschlüssel). */
  readonly kreis_ags: string;
  readonly name: string;
  /** "Landkreis" or "Kreisfreie Stadt". */
  readonly bez: string;
}

export type DistrictShapes = ProjectedMap<DistrictFeatureProperties>;

function isDistrictCollection(value: unknown): value is GeoFeatureCollection<DistrictFeatureProperties> {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const candidate = value as Partial<GeoFeatureCollection<Partial<DistrictFeatureProperties>>>;
  return (
    candidate.type === 'FeatureCollection' &&
    Array.isArray(candidate.features) &&
    candidate.features.length > 0 &&
    candidate.features.every(
      (feature) =>
        typeof feature.properties?.kreis_ags === 'string' &&
        (feature.geometry?.type === 'Polygon' || feature.geometry?.type === 'MultiPolygon') &&
        Array.isArray(feature.geometry.coordinates),
    )
  );
}

/**
 * The districts of Sachsen-Anhalt, projected for the SVG map. Fetched and projected once per app
 * session and shared by every map; after a failure the next call fetches again.
 */
@Injectable({ providedIn: 'root' })
export class DistrictGeometryService {
  private readonly http = inject(HttpClient);
  private shapes$: Observable<DistrictShapes> | null = null;

  load(): Observable<DistrictShapes> {
    this.shapes$ ??= this.http.get<unknown>(DISTRICTS_GEOJSON_URL).pipe(
      map((body) => {
        if (!isDistrictCollection(body)) {
          throw new Error('The district file is not a FeatureCollection of polygons');
        }
        return projectFeatureCollection(body, { width: MAP_VIEWBOX_WIDTH, padding: 8 });
      }),
      catchError((error: unknown) => {
        this.shapes$ = null;
        return throwError(() => error);
      }),
      shareReplay(1),
    );
    return this.shapes$;
  }
}
