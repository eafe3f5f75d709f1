import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { AccountLinksService } from './account-links.service';

describe('AccountLinksService', () => {
  let service: AccountLinksService;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    service = TestBed.inject(AccountLinksService);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  it('describes and accepts an invitation, always sending acceptPrivacy', async () => {
    const described = firstValueFrom(service.describeInvitation('t1'));
    backend.expectOne({ method: 'GET', url: '/api/invitations/t1' }).flush({ email: 'a@b.de', name: 'A' });
    expect(await described).toEqual({ email: 'a@b.de', name: 'A' });

    const accepted = firstValueFrom(service.acceptInvitation('t1', 'geheim und lang'));
    const request = backend.expectOne({ method: 'POST', url: '/api/invitations/t1/accept' });
    expect(request.request.body).toEqual({ password: 'geheim und lang', acceptPrivacy: true });
    request.flush(null, { status: 204, statusText: 'No Content' });
    expect(await accepted).toBeUndefined();
  });

  it('requests, checks and completes a password reset', async () => {
    const requested = firstValueFrom(service.requestPasswordReset('a@b.de'));
    const post = backend.expectOne({ method: 'POST', url: '/api/password-reset' });
    expect(post.request.body).toEqual({ email: 'a@b.de' });
    post.flush(null, { status: 202, statusText: 'Accepted' });
    await requested;

    const checked = firstValueFrom(service.checkPasswordReset('t2'));
    backend.expectOne({ method: 'GET', url: '/api/password-reset/t2' }).flush(null, { status: 204, statusText: '' });
    await checked;

    const reset = firstValueFrom(service.resetPassword('t2', 'neues Passwort hier'));
    const put = backend.expectOne({ method: 'POST', url: '/api/password-reset/t2' });
    expect(put.request.body).toEqual({ password: 'neues Passwort hier' });
    put.flush(null, { status: 204, statusText: 'No Content' });
    await reset;
  });
});
