import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { GroupsService, groupBadge } from './groups.service';

const ID = '18514f7f-7785-4a1b-8ee0-27d40092bbdc';
const PERSON = '11111111-1111-4111-8111-111111111111';

describe('GroupsService', () => {
  let service: GroupsService;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    service = TestBed.inject(GroupsService);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  it('reads the list, a group and the coverage matrix', async () => {
    const list = firstValueFrom(service.list());
    backend.expectOne({ method: 'GET', url: '/api/groups' }).flush([{ id: ID }]);
    expect(await list).toEqual([{ id: ID }]);

    const detail = firstValueFrom(service.detail(ID));
    backend.expectOne({ method: 'GET', url: `/api/groups/${ID}` }).flush({ id: ID, name: 'Digitaler Zwilling' });
    expect((await detail).name).toBe('Digitaler Zwilling');

    const coverage = firstValueFrom(service.coverage());
    backend.expectOne({ method: 'GET', url: '/api/coverage' }).flush({ groups: [], rows: [] });
    expect(await coverage).toEqual({ groups: [], rows: [] });
  });

  it('creates and updates a group, the update with its version', async () => {
    const created = firstValueFrom(
      service.create({ name: 'Pilot Parken', shortName: 'Parken', kind: 'pilot_project' }),
    );
    const post = backend.expectOne({ method: 'POST', url: '/api/groups' });
    expect(post.request.body).toEqual({ name: 'Pilot Parken', shortName: 'Parken', kind: 'pilot_project' });
    post.flush({ id: 'new' });
    expect((await created).id).toBe('new');

    const updated = firstValueFrom(service.update(ID, { goals: '- Ziel', version: 3 }));
    const patch = backend.expectOne({ method: 'PATCH', url: `/api/groups/${ID}` });
    expect(patch.request.body).toEqual({ goals: '- Ziel', version: 3 });
    patch.flush({ id: ID });
    await updated;
  });

  it('asks to join with a trimmed note, or without one', async () => {
    const withNote = firstValueFrom(service.join(ID, '  Wir planen einen Zwilling.  '));
    const first = backend.expectOne({ method: 'POST', url: `/api/groups/${ID}/join` });
    expect(first.request.body).toEqual({ message: 'Wir planen einen Zwilling.' });
    first.flush({ id: ID });
    await withNote;

    const withoutNote = firstValueFrom(service.join(ID, '   '));
    const second = backend.expectOne({ method: 'POST', url: `/api/groups/${ID}/join` });
    expect(second.request.body).toEqual({});
    second.flush({ id: ID });
    await withoutNote;
  });

  it('adds, decides, changes roles and removes members', async () => {
    const added = firstValueFrom(service.add(ID, PERSON, 'lead'));
    const add = backend.expectOne({ method: 'POST', url: `/api/groups/${ID}/members` });
    expect(add.request.body).toEqual({ personId: PERSON, role: 'lead' });
    add.flush({ id: ID });
    await added;

    const decided = firstValueFrom(service.decide(ID, PERSON, 'decline'));
    const decision = backend.expectOne({ method: 'POST', url: `/api/groups/${ID}/members/${PERSON}/decision` });
    expect(decision.request.body).toEqual({ decision: 'decline' });
    decision.flush({ id: ID });
    await decided;

    const changed = firstValueFrom(service.changeRole(ID, PERSON, 'member'));
    const role = backend.expectOne({ method: 'PATCH', url: `/api/groups/${ID}/members/${PERSON}` });
    expect(role.request.body).toEqual({ role: 'member' });
    role.flush({ id: ID });
    await changed;

    const removed = firstValueFrom(service.remove(ID, PERSON));
    backend.expectOne({ method: 'DELETE', url: `/api/groups/${ID}/members/${PERSON}` }).flush({ id: ID });
    await removed;
  });

  it('searches people by name, optionally within one organisation', async () => {
    const found = firstValueFrom(service.searchPeople(' Koch '));
    backend.expectOne('/api/people?query=Koch').flush([]);
    await found;

    const own = firstValueFrom(service.searchPeople('', 'org-1'));
    backend.expectOne('/api/people?organizationId=org-1').flush([]);
    await own;
  });

  it('links the CSV download and names groups', () => {
    expect(service.coverageCsvUrl()).toBe('/api/coverage/export');
    expect(groupBadge({ kind: 'uag', number: 3 })).toBe('UAG 3');
    expect(groupBadge({ kind: 'pilot_project', number: null })).toBe('Pilotprojekt');
    expect(groupBadge({ kind: 'other', number: 7 })).toBe('Gruppe 7');
  });
});
