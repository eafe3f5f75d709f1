import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { present } from '../../testing/dom-testing';
import { DISTRICTS_GEOJSON_URL, DistrictFeatureProperties } from './district-geometry.service';
import { DistrictMap, DistrictParticipation, labelLines } from './district-map';
import { GeoFeature, GeoFeatureCollection, LinearRing } from './geo-projection';

const DISTRICTS: DistrictParticipation[] = [
  { key: '15001', name: 'Dessau-Roßlau', municipalityCount: 1, activeCount: 1 },
  { key: '15002', name: 'Halle (Saale)', municipalityCount: 1, activeCount: 0 },
  { key: '15003', name: 'Magdeburg', municipalityCount: 1, activeCount: 1 },
  { key: '15081', name: 'Altmarkkreis Salzwedel', municipalityCount: 11, activeCount: 2 },
  { key: '15082', name: 'Anhalt-Bitterfeld', municipalityCount: 10, activeCount: 4 },
  { key: '15083', name: 'Börde', municipalityCount: 34, activeCount: 9 },
  { key: '15084', name: 'Burgenlandkreis', municipalityCount: 33, activeCount: 0 },
  { key: '15085', name: 'Harz', municipalityCount: 20, activeCount: 3 },
  { key: '15086', name: 'Jerichower Land', municipalityCount: 8, activeCount: 5 },
  { key: '15087', name: 'Mansfeld-Südharz', municipalityCount: 21, activeCount: 1 },
  { key: '15088', name: 'Saalekreis', municipalityCount: 18, activeCount: 6 },
  { key: '15089', name: 'Salzlandkreis', municipalityCount: 21, activeCount: 12 },
  { key: '15090', name: 'Stendal', municipalityCount: 20, activeCount: 7 },
  { key: '15091', name: 'Wittenberg', municipalityCount: 9, activeCount: 2 },
];

function box(lon0: number, lat0: number, lon1: number, lat1: number): LinearRing {
  return [
    [lon0, lat0],
    [lon1, lat0],
    [lon1, lat1],
    [lon0, lat1],
    [lon0, lat0],
  ];
}

/**
 * A stand-in for the real file: the 14 districts as squares in a 4-column grid. Saalekreis has a
 * hole, Stendal is a MultiPolygon, like in the real data.
 */
function districtCollection(): GeoFeatureCollection<DistrictFeatureProperties> {
  const features: GeoFeature<DistrictFeatureProperties>[] = DISTRICTS.map((district, index) => {
    const lon = 11 + (index % 4) * 0.5;
    const lat = 52.5 - Math.floor(index / 4) * 0.5;
    const properties = {
      kreis_ags: district.key,
      name: district.name,
      bez: district.key < '15081' ? 'Kreisfreie Stadt' : 'Landkreis',
    };
    const square = box(lon, lat, lon + 0.5, lat + 0.5);
    if (district.key === '15088') {
      return {
        type: 'Feature',
        properties,
        geometry: { type: 'Polygon', coordinates: [square, box(lon + 0.2, lat + 0.2, lon + 0.3, lat + 0.3)] },
      };
    }
    if (district.key === '15090') {
      return {
        type: 'Feature',
        properties,
        geometry: { type: 'MultiPolygon', coordinates: [[square], [box(lon + 0.6, lat, lon + 0.62, lat + 0.02)]] },
      };
    }
    return { type: 'Feature', properties, geometry: { type: 'Polygon', coordinates: [square] } };
  });
  return { type: 'FeatureCollection', features };
}

describe('DistrictMap', () => {
  let fixture: ComponentFixture<DistrictMap>;
  let backend: HttpTestingController;
  let emitted: (string | null)[];

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [DistrictMap],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(DistrictMap);
    fixture.componentRef.setInput('districts', DISTRICTS);
    emitted = [];
    fixture.componentInstance.districtSelected.subscribe((key) => emitted.push(key));
    await fixture.whenStable();
  });

  afterEach(() => backend.verify());

  const element = () => fixture.nativeElement as HTMLElement;
  const svg = () => present(element().querySelector('svg.map'), 'map');
  const districtPath = (key: string) => present(element().querySelector(`path[data-key="${key}"]`), `path ${key}`);
  const bodyRows = () => Array.from(element().querySelectorAll('tbody tr'));
  const rowButton = (name: string) =>
    present(
      Array.from(element().querySelectorAll<HTMLButtonElement>('tbody button')).find(
        (button) => button.querySelector('.district-name')?.textContent?.trim() === name,
      ),
      `button ${name}`,
    );

  async function loadMap(): Promise<void> {
    backend.expectOne(DISTRICTS_GEOJSON_URL).flush(districtCollection());
    await fixture.whenStable();
  }

  it('shows a loading state until the map has arrived, with the table already there', () => {
    backend.expectOne(DISTRICTS_GEOJSON_URL);

    expect(element().querySelector('[role="status"]')?.textContent).toContain('Die Karte wird geladen');
    expect(element().querySelector('svg.map')).toBeNull();
    expect(bodyRows()).toHaveLength(14);
  });

  it('draws the 14 districts, holes with the even-odd rule, and a tooltip for each', async () => {
    await loadMap();

    const paths = Array.from(svg().querySelectorAll('path.district'));
    expect(paths).toHaveLength(14);
    expect(svg().getAttribute('viewBox')).toMatch(/^0 0 600 \d+(\.\d)?$/);
    expect(paths.every((path) => path.getAttribute('fill-rule') === 'evenodd')).toBe(true);
    // The hole and the exclave are subpaths of their district's path.
    expect(districtPath('15088').getAttribute('d')?.match(/M/g)).toHaveLength(2);
    expect(districtPath('15090').getAttribute('d')?.match(/M/g)).toHaveLength(2);
    expect(districtPath('15085').querySelector('title')?.textContent).toBe('Landkreis Harz: 3 von 20 Kommunen aktiv');
    expect(districtPath('15002').querySelector('title')?.textContent).toBe(
      'Kreisfreie Stadt Halle (Saale): 0 von 1 Kommune aktiv',
    );
  });

  it('colours the districts by active municipalities, 0 in its own tone, and explains the tones in a legend', async () => {
    await loadMap();

    const tone = (key: string) => districtPath(key).getAttribute('data-tone');
    expect(tone('15084')).toBe('0');
    expect(tone('15091')).toBe('1');
    expect(tone('15085')).toBe('2');
    expect(tone('15090')).toBe('3');
    expect(tone('15083')).toBe('4');
    expect(tone('15089')).toBe('5');

    const legend = present(element().querySelector('.legend'), 'legend');
    expect(legend.querySelector('.legend-title')?.textContent).toBe('Aktive Kommunen');
    expect(Array.from(legend.querySelectorAll('li')).map((li) => li.textContent?.trim())).toEqual([
      '0',
      '1–2',
      '3–4',
      '5–7',
      '8–9',
      '10–12',
    ]);
  });

  it('labels each district with its number of active municipalities and a short name', async () => {
    await loadMap();

    const labels = Array.from(svg().querySelectorAll('.label'));
    expect(labels).toHaveLength(14);
    const label = (index: number) => ({
      count: labels[index].querySelector('.label-count')?.textContent,
      name: Array.from(labels[index].querySelectorAll('tspan')).map((t) => t.textContent),
    });
    expect(label(1)).toEqual({ count: '0', name: ['Halle'] });
    expect(label(3)).toEqual({ count: '2', name: ['Altmarkkreis', 'Salzwedel'] });
    expect(label(11)).toEqual({ count: '12', name: ['Salzlandkreis'] });
    // White text on the dark tones, dark text on the light ones.
    expect(labels[11].classList).toContain('on-dark');
    expect(labels[1].classList).not.toContain('on-dark');
  });

  it('summarises the map for screen readers and points to the table', async () => {
    await loadMap();

    expect(svg().getAttribute('role')).toBe('img');
    const label = svg().getAttribute('aria-label') ?? '';
    expect(label).toContain('Insgesamt sind 53 von 208 Kommunen aktiv.');
    expect(label).toContain('Tabelle „Teilnahme nach Landkreis“');
  });

  it('lists every district with its numbers in a table, in alphabetical order, with the total', async () => {
    await loadMap();

    const table = present(element().querySelector('table'), 'table');
    expect(table.querySelector('caption')?.textContent?.trim()).toBe('Teilnahme nach Landkreis');
    expect(Array.from(table.querySelectorAll('thead th')).map((th) => th.textContent?.trim())).toEqual([
      'Landkreis / kreisfreie Stadt',
      'Kommunen',
      'davon aktiv',
    ]);
    const cells = bodyRows().map((row) =>
      Array.from(row.querySelectorAll('th, td')).map((cell) => cell.textContent?.trim()),
    );
    expect(cells).toEqual([
      ['Altmarkkreis Salzwedel', '11', '2'],
      ['Anhalt-Bitterfeld', '10', '4'],
      ['Börde', '34', '9'],
      ['Burgenlandkreis', '33', '0'],
      ['Dessau-Roßlau', '1', '1'],
      ['Halle (Saale)', '1', '0'],
      ['Harz', '20', '3'],
      ['Jerichower Land', '8', '5'],
      ['Magdeburg', '1', '1'],
      ['Mansfeld-Südharz', '21', '1'],
      ['Saalekreis', '18', '6'],
      ['Salzlandkreis', '21', '12'],
      ['Stendal', '20', '7'],
      ['Wittenberg', '9', '2'],
    ]);
    expect(Array.from(table.querySelectorAll('tfoot th, tfoot td')).map((cell) => cell.textContent?.trim())).toEqual([
      'Sachsen-Anhalt insgesamt',
      '208',
      '53',
    ]);
  });

  it('selects a district from its table button and reflects the selection in aria-pressed', async () => {
    await loadMap();

    expect(rowButton('Harz').getAttribute('aria-pressed')).toBe('false');
    rowButton('Harz').click();
    expect(emitted).toEqual(['15085']);

    fixture.componentRef.setInput('selectedKey', '15085');
    await fixture.whenStable();
    expect(rowButton('Harz').getAttribute('aria-pressed')).toBe('true');
    expect(rowButton('Börde').getAttribute('aria-pressed')).toBe('false');
    expect(element().querySelector('.selection')?.textContent).toContain(
      'Ausgewählt: Landkreis Harz, 3 von 20 Kommunen aktiv',
    );
    expect(svg().querySelector('.outline-selected')?.getAttribute('d')).toBe(districtPath('15085').getAttribute('d'));
    expect(svg().getAttribute('aria-label')).toContain('Ausgewählt: Landkreis Harz, 3 von 20 Kommunen aktiv.');

    // Pressing it again clears the selection, and so does the button below the map.
    rowButton('Harz').click();
    present(element().querySelector<HTMLButtonElement>('.selection button'), 'clear button').click();
    expect(emitted).toEqual(['15085', null, null]);
  });

  it('toggles a district by clicking it on the map', async () => {
    await loadMap();

    districtPath('15002').dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(emitted).toEqual(['15002']);

    fixture.componentRef.setInput('selectedKey', '15002');
    await fixture.whenStable();
    districtPath('15002').dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(emitted).toEqual(['15002', null]);
  });

  it('highlights a district on the map while its table row has the keyboard focus', async () => {
    await loadMap();

    expect(svg().querySelector('.outline-highlight')).toBeNull();
    rowButton('Stendal').dispatchEvent(new FocusEvent('focus'));
    await fixture.whenStable();
    expect(svg().querySelector('.outline-highlight')?.getAttribute('d')).toBe(districtPath('15090').getAttribute('d'));

    rowButton('Stendal').dispatchEvent(new FocusEvent('blur'));
    await fixture.whenStable();
    expect(svg().querySelector('.outline-highlight')).toBeNull();
  });

  it('credits the map data with a link to the BKG', async () => {
    await loadMap();

    const link = present(element().querySelector<HTMLAnchorElement>('.attribution a'), 'attribution link');
    expect(link.getAttribute('href')).toBe('https://www.bkg.bund.de');
    expect(link.getAttribute('target')).toBeNull();
    expect(link.textContent).toContain('© GeoBasis-DE / BKG 2021 (Daten verändert)');
    expect(link.textContent).toContain('Bundesamts für Kartographie und Geodäsie');
  });

  it('shows a German error with the way to the table, and tries again on request', async () => {
    backend.expectOne(DISTRICTS_GEOJSON_URL).flush('Not found', { status: 404, statusText: 'Not Found' });
    await fixture.whenStable();

    const alert = present(element().querySelector('[role="alert"]'), 'alert');
    expect(alert.textContent).toContain('Die Karte konnte nicht geladen werden.');
    expect(alert.textContent).toContain('Tabelle „Teilnahme nach Landkreis“');
    expect(bodyRows()).toHaveLength(14);
    // The credit stays, even without the map.
    expect(element().querySelector('.attribution a')).not.toBeNull();

    present(alert.querySelector('button'), 'retry button').click();
    await fixture.whenStable();
    await loadMap();
    expect(svg().querySelectorAll('path.district')).toHaveLength(14);
    expect(element().querySelector('[role="alert"]')).toBeNull();
  });

  it('treats a file that is not a collection of polygons as an error', async () => {
    backend.expectOne(DISTRICTS_GEOJSON_URL).flush({ type: 'FeatureCollection', features: [] });
    await fixture.whenStable();

    expect(element().querySelector('[role="alert"]')?.textContent).toContain('Die Karte konnte nicht geladen werden.');
  });

  it('fetches the file only once for all maps', async () => {
    await loadMap();

    const second = TestBed.createComponent(DistrictMap);
    second.componentRef.setInput('districts', DISTRICTS.slice(0, 3));
    await second.whenStable();

    backend.expectNone(DISTRICTS_GEOJSON_URL);
    const secondElement = second.nativeElement as HTMLElement;
    expect(secondElement.querySelectorAll('path.district')).toHaveLength(14);
    // Districts without numbers are drawn in a neutral tone and called out in the legend.
    expect(secondElement.querySelector('path[data-key="15085"]')?.hasAttribute('data-tone')).toBe(false);
    expect(secondElement.querySelector('path[data-key="15085"] title')?.textContent).toBe(
      'Landkreis Harz: keine Angaben',
    );
    expect(secondElement.querySelector('.legend')?.textContent).toContain('keine Angaben');
  });

  it('says so when there are no numbers at all', async () => {
    fixture.componentRef.setInput('districts', []);
    await loadMap();

    expect(bodyRows().map((row) => row.textContent?.trim())).toEqual(['Es liegen noch keine Zahlen vor.']);
    expect(element().querySelector('tfoot')).toBeNull();
  });
});

describe('labelLines', () => {
  it('drops qualifiers in brackets and breaks long names at a space or hyphen near the middle', () => {
    expect(labelLines('Halle (Saale)')).toEqual(['Halle']);
    expect(labelLines('Harz')).toEqual(['Harz']);
    expect(labelLines('Dessau-Roßlau')).toEqual(['Dessau-Roßlau']);
    expect(labelLines('Altmarkkreis Salzwedel')).toEqual(['Altmarkkreis', 'Salzwedel']);
    expect(labelLines('Anhalt-Bitterfeld')).toEqual(['Anhalt-', 'Bitterfeld']);
    expect(labelLines('Burgenlandkreis')).toEqual(['Burgenlandkreis']);
  });
});
