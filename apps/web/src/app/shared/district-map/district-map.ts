import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { MatProgressSpinner } from '@angular/material/progress-spinner';
import { catchError, map, of, startWith, switchMap } from 'rxjs';
import { DistrictGeometryService, DistrictShapes } from './district-geometry.service';
import { Point } from './geo-projection';
import { ParticipationStep, participationSteps, toneOf } from './participation-scale';

/** Participation of one district (Landkreis or kreisfreie Stadt) in the initiative. */
export interface DistrictParticipation {
  /** 5-digit district key (kreis_ags), e.g. "15085". */
  key: string;
  name: string;
  municipalityCount: number;
  activeCount: number;
}

type GeometryState = { status: 'loading' } | { status: 'ready'; shapes: DistrictShapes } | { status: 'error' };

interface MapShape {
  readonly key: string;
  readonly path: string;
  readonly label: Point;
  readonly tone: number | null;
  /** "Landkreis Harz". */
  readonly fullName: string;
  /** Tooltip: "Landkreis Harz: 3 von 20 Kommunen aktiv". */
  readonly title: string;
  readonly count: string;
  readonly nameLines: readonly string[];
}

interface TableRow {
  readonly key: string;
  readonly name: string;
  readonly municipalityCount: number;
  readonly activeCount: number;
  readonly tone: number;
  readonly selected: boolean;
}

/** First line of a map label below the count, in user units of the viewBox. */
const NAME_OFFSET = 25;
/** Distance between the lines of a two-line name, in user units. */
const NAME_LINE_HEIGHT = 17;
/** Names longer than this many characters are broken into two lines. */
const NAME_MAX_LINE = 13;

/**
 * Short name for the map label, in one or two lines: qualifiers in brackets are dropped
 * ("Halle (Saale)" → "Halle"), long names break at the space or hyphen nearest the middle.
 */
export function labelLines(name: string): string[] {
  const short = name.replace(/\s*\([^)]*\)\s*$/, '').trim() || name;
  if (short.length <= NAME_MAX_LINE) {
    return [short];
  }
  let best = -1;
  for (let i = 0; i < short.length; i++) {
    if (
      (short[i] === ' ' || short[i] === '-') &&
      (best < 0 || Math.abs(i - short.length / 2) < Math.abs(best - short.length / 2))
    ) {
      best = i;
    }
  }
  if (best < 0) {
    return [short];
  }
  const keepHyphen = short[best] === '-';
  return [short.slice(0, keepHyphen ? best + 1 : best), short.slice(best + 1)].filter((line) => line !== '');
}

function municipalities(count: number): string {
  return count === 1 ? 'Kommune' : 'Kommunen';
}

/** "3 von 20 Kommunen aktiv". */
export function participationText(district: DistrictParticipation): string {
  return `${district.activeCount} von ${district.municipalityCount} ${municipalities(district.municipalityCount)} aktiv`;
}

/**
 * Choropleth map of Sachsen-Anhalt's 14 districts, coloured by the number of active municipalities,
 * with the same numbers in a table. The table is the keyboard and screen reader path: each district
 * name is a toggle button. Clicking a district on the map (mouse) or its button emits
 * `districtSelected` with its key, or `null` when it was selected already; the parent owns the
 * selection and passes it back as `selectedKey`.
 */
@Component({
  selector: 'srp-district-map',
  imports: [MatButton, MatIcon, MatProgressSpinner],
  templateUrl: './district-map.html',
  styleUrl: './district-map.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DistrictMap {
  private readonly geometry = inject(DistrictGeometryService);

  readonly districts = input.required<DistrictParticipation[]>();
  readonly selectedKey = input<string | null>(null);
  readonly districtSelected = output<string | null>();

  /** District under the mouse (map or table) or with keyboard focus in the table. */
  protected readonly highlightedKey = signal<string | null>(null);
  private readonly attempt = signal(0);

  protected readonly state = toSignal(
    toObservable(this.attempt).pipe(
      switchMap(() =>
        this.geometry.load().pipe(
          map((shapes): GeometryState => ({ status: 'ready', shapes })),
          catchError(() => of<GeometryState>({ status: 'error' })),
          startWith<GeometryState>({ status: 'loading' }),
        ),
      ),
    ),
    { initialValue: { status: 'loading' } as GeometryState },
  );

  private readonly byKey = computed(() => new Map(this.districts().map((d) => [d.key, d])));

  protected readonly steps = computed<ParticipationStep[]>(() =>
    participationSteps(Math.max(0, ...this.districts().map((d) => d.activeCount))),
  );

  protected readonly totals = computed(() =>
    this.districts().reduce(
      (sum, d) => ({
        municipalityCount: sum.municipalityCount + d.municipalityCount,
        activeCount: sum.activeCount + d.activeCount,
      }),
      { municipalityCount: 0, activeCount: 0 },
    ),
  );

  /** Table rows in alphabetical order. */
  protected readonly rows = computed<TableRow[]>(() => {
    const steps = this.steps();
    const selected = this.selectedKey();
    return [...this.districts()]
      .sort((a, b) => a.name.localeCompare(b.name, 'de'))
      .map((d) => ({
        key: d.key,
        name: d.name,
        municipalityCount: d.municipalityCount,
        activeCount: d.activeCount,
        tone: toneOf(d.activeCount, steps),
        selected: d.key === selected,
      }));
  });

  private readonly projected = computed(() => {
    const state = this.state();
    return state.status === 'ready' ? state.shapes : null;
  });

  protected readonly viewBox = computed(() => {
    const shapes = this.projected();
    return shapes ? `0 0 ${shapes.width} ${shapes.height}` : null;
  });

  protected readonly shapes = computed<MapShape[]>(() => {
    const shapes = this.projected();
    if (!shapes) {
      return [];
    }
    const steps = this.steps();
    const districts = this.byKey();
    return shapes.features.map(({ properties, path, label }) => {
      const district = districts.get(properties.kreis_ags);
      const name = district?.name ?? properties.name;
      const fullName = `${properties.bez} ${name}`;
      return {
        key: properties.kreis_ags,
        path,
        label,
        tone: district ? toneOf(district.activeCount, steps) : null,
        fullName,
        title: `${fullName}: ${district ? participationText(district) : 'keine Angaben'}`,
        count: district ? `${district.activeCount}` : '–',
        nameLines: labelLines(name),
      };
    });
  });

  protected readonly hasMissingData = computed(() => this.shapes().some((shape) => shape.tone === null));

  /** Outlines drawn on top of all districts, so that neighbours never cover them. */
  protected readonly highlightedShape = computed(() => this.shapeFor(this.highlightedKey()));
  protected readonly selectedShape = computed(() => this.shapeFor(this.selectedKey()));

  /** The selected district as shown below the map; null when none (or an unknown key) is selected. */
  protected readonly selection = computed(() => {
    const key = this.selectedKey();
    const district = key === null ? undefined : this.byKey().get(key);
    if (!district) {
      return null;
    }
    return { name: this.selectedShape()?.fullName ?? district.name, participation: participationText(district) };
  });

  protected readonly mapLabel = computed(() => {
    const { municipalityCount, activeCount } = this.totals();
    const selection = this.selection();
    return (
      `Karte der Landkreise und kreisfreien Städte Sachsen-Anhalts, eingefärbt nach der Zahl aktiver Kommunen. ` +
      `Insgesamt sind ${activeCount} von ${municipalityCount} ${municipalities(municipalityCount)} aktiv.` +
      (selection ? ` Ausgewählt: ${selection.name}, ${selection.participation}.` : '') +
      ` Die Zahlen je Landkreis stehen in der Tabelle „Teilnahme nach Landkreis“.`
    );
  });

  protected readonly nameOffset = NAME_OFFSET;
  protected readonly nameLineHeight = NAME_LINE_HEIGHT;

  protected clearSelection(): void {
    this.districtSelected.emit(null);
  }

  protected toggle(key: string): void {
    this.districtSelected.emit(this.selectedKey() === key ? null : key);
  }

  protected highlight(key: string | null): void {
    this.highlightedKey.set(key);
  }

  protected retry(): void {
    this.attempt.update((n) => n + 1);
  }

  private shapeFor(key: string | null): MapShape | null {
    return key === null ? null : (this.shapes().find((shape) => shape.key === key) ?? null);
  }
}
