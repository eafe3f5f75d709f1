import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { OrganizationsService } from './organizations.service';

const ID = '11111111-1111-4111-8111-111111111111';
const PERSON = '22222222-2222-4222-8222-222222222222';
const GROUP = '33333333-3333-4333-8333-333333333333';

describe('OrganizationsService', () => {
  let service: OrganizationsService;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    service = TestBed.inject(OrganizationsService);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  it('lists organisations, leaving out empty filters and trimming the search', async () => {
    const all = firstValueFrom(service.list({ query: '  ' }));
    backend.expectOne('/api/organizations').flush([]);
    expect(await all).toEqual([]);

    const filtered = firstValueFrom(
      service.list({ query: ' halle ', municipal: true, district: '15002', membership: 'active', status: 'retired' }),
    );
    backend
      .expectOne('/api/organizations?query=halle&municipal=true&district=15002&membership=active&status=retired')
      .flush([]);
    await filtered;
  });

  it('reads one organisation, the districts, the groups and the coverage of one organisation', async () => {
    const detail = firstValueFrom(service.detail(ID));
    backend.expectOne(`/api/organizations/${ID}`).flush({ id: ID });
    expect(await detail).toEqual({ id: ID });

    const districts = firstValueFrom(service.districts());
    backend.expectOne('/api/districts').flush([]);
    await districts;

    const groups = firstValueFrom(service.groups());
    backend.expectOne('/api/groups').flush([]);
    await groups;

    const coverage = firstValueFrom(service.coverage(ID));
    backend.expectOne(`/api/coverage?organizationId=${ID}`).flush({ groups: [], rows: [] });
    await coverage;
  });

  it('sends membership requests, decisions and changes with the version', async () => {
    const requested = firstValueFrom(service.requestMembership(ID, 'Wir möchten mitmachen.', 3));
    const request = backend.expectOne({ method: 'POST', url: `/api/organizations/${ID}/membership/request` });
    expect(request.request.body).toEqual({ reason: 'Wir möchten mitmachen.', version: 3 });
    request.flush({ id: ID });
    await requested;

    const approved = firstValueFrom(service.decideMembership(ID, 'approve', '  ', 4));
    const decision = backend.expectOne({ method: 'POST', url: `/api/organizations/${ID}/membership/decision` });
    expect(decision.request.body).toEqual({ decision: 'approve', message: undefined, version: 4 });
    decision.flush({ id: ID });
    await approved;

    const changed = firstValueFrom(
      service.changeMembership(ID, {
        status: 'paused',
        reason: 'Haushaltssperre',
        effectiveOn: '2026-12-01',
        version: 5,
      }),
    );
    const change = backend.expectOne({ method: 'POST', url: `/api/organizations/${ID}/membership` });
    expect(change.request.body).toEqual({
      status: 'paused',
      reason: 'Haushaltssperre',
      effectiveOn: '2026-12-01',
      version: 5,
    });
    change.flush({ id: ID });
    await changed;
  });

  it('creates, edits, retires, reactivates and merges organisations', async () => {
    const created = firstValueFrom(service.create({ kind: 'research', officialName: 'Hochschule Merseburg' }));
    backend.expectOne({ method: 'POST', url: '/api/organizations' }).flush({ id: ID });
    await created;

    const updated = firstValueFrom(service.update(ID, { population: 100, version: 2 }));
    const patch = backend.expectOne({ method: 'PATCH', url: `/api/organizations/${ID}` });
    expect(patch.request.body).toEqual({ population: 100, version: 2 });
    patch.flush({ id: ID });
    await updated;

    const retired = firstValueFrom(service.retire(ID, 'Doppelt angelegt', 3));
    const retire = backend.expectOne({ method: 'POST', url: `/api/organizations/${ID}/retire` });
    expect(retire.request.body).toEqual({ reason: 'Doppelt angelegt', version: 3 });
    retire.flush({ id: ID });
    await retired;

    const reactivated = firstValueFrom(service.reactivate(ID, 4));
    const reactivate = backend.expectOne({ method: 'POST', url: `/api/organizations/${ID}/reactivate` });
    expect(reactivate.request.body).toEqual({ version: 4 });
    reactivate.flush({ id: ID });
    await reactivated;

    const merged = firstValueFrom(service.merge(ID, GROUP, 'Eingemeindet', 5));
    const merge = backend.expectOne({ method: 'POST', url: `/api/organizations/${ID}/merge` });
    expect(merge.request.body).toEqual({ targetId: GROUP, reason: 'Eingemeindet', version: 5 });
    merge.flush({ id: GROUP });
    expect(await merged).toEqual({ id: GROUP });
  });

  it('invites and updates people, and puts them into groups', async () => {
    const invited = firstValueFrom(service.invitePerson(ID, { name: 'Max Muster', email: 'max@halle.de' }));
    backend.expectOne({ method: 'POST', url: `/api/organizations/${ID}/people` }).flush({ id: PERSON });
    await invited;

    const updated = firstValueFrom(service.updatePerson(ID, PERSON, { status: 'deactivated', version: 2 }));
    const patch = backend.expectOne({ method: 'PATCH', url: `/api/organizations/${ID}/people/${PERSON}` });
    expect(patch.request.body).toEqual({ status: 'deactivated', version: 2 });
    patch.flush({ id: PERSON });
    await updated;

    const added = firstValueFrom(service.addToGroup(GROUP, PERSON));
    const add = backend.expectOne({ method: 'POST', url: `/api/groups/${GROUP}/members` });
    expect(add.request.body).toEqual({ personId: PERSON });
    add.flush({ id: GROUP });
    expect(await added).toBeUndefined();
  });

  it('checks and imports people from CSV text, sending the text unchanged', async () => {
    const csv = 'Name;E-Mail\r\nErika Beispiel;erika.beispiel@example.org\r\n';
    const report = { dryRun: true, invited: 0, rows: [] };

    const checked = firstValueFrom(service.importPeople(ID, csv, true));
    const check = backend.expectOne({ method: 'POST', url: `/api/organizations/${ID}/people/import` });
    expect(check.request.body).toEqual({ csv, dryRun: true });
    check.flush(report);
    expect(await checked).toEqual(report);

    const imported = firstValueFrom(service.importPeople(ID, csv, false));
    const run = backend.expectOne({ method: 'POST', url: `/api/organizations/${ID}/people/import` });
    expect(run.request.body).toEqual({ csv, dryRun: false });
    run.flush({ ...report, dryRun: false, invited: 1 });
    expect(await imported).toEqual({ dryRun: false, invited: 1, rows: [] });
  });

  it('knows where the people directory is downloaded', () => {
    expect(service.peopleExportUrl).toBe('/api/people/export');
  });
});
