import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { AccountsAdminService } from './accounts-admin.service';

describe('AccountsAdminService', () => {
  let service: AccountsAdminService;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    service = TestBed.inject(AccountsAdminService);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  it('lists accounts, leaving out empty filters and trimming the search', async () => {
    const all = firstValueFrom(service.list({ query: '  ' }));
    backend.expectOne('/api/accounts').flush([]);
    expect(await all).toEqual([]);

    const filtered = firstValueFrom(service.list({ query: ' erika ', role: 'member', status: 'active' }));
    backend.expectOne('/api/accounts?query=erika&role=member&status=active').flush([]);
    await filtered;
  });

  it('invites and updates with the version', async () => {
    const invited = firstValueFrom(service.invite({ name: 'N', email: 'n@b.de', role: 'member' }));
    backend
      .expectOne({ method: 'POST', url: '/api/invitations' })
      .flush({ accountId: 'x', expiresAt: '2026-12-01T00:00:00.000Z' });
    await invited;

    const updated = firstValueFrom(service.update('id-1', { status: 'deactivated', version: 4 }));
    const patch = backend.expectOne({ method: 'PATCH', url: '/api/accounts/id-1' });
    expect(patch.request.body).toEqual({ status: 'deactivated', version: 4 });
    patch.flush({ id: 'id-1' });
    expect(await updated).toEqual({ id: 'id-1' });
  });

  it('reads the audit log by action and cursor', async () => {
    const page = firstValueFrom(service.auditLog({ action: 'auth.login', cursor: 'abc' }));
    backend.expectOne('/api/audit?action=auth.login&cursor=abc').flush({ items: [], nextCursor: null });
    expect(await page).toEqual({ items: [], nextCursor: null });
  });
});
