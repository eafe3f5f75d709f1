import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MeDto } from '../../api/generated/models/me-dto';
import { TEST_USER, answerMe } from '../../testing/auth-testing';
import { present } from '../../testing/dom-testing';
import { ContactCard } from './contact-card';

const USER: MeDto = {
  ...TEST_USER,
  role: 'member',
  functionTitle: 'Leiterin Digitalisierung',
  phone: '0345 221-4410',
  showEmail: true,
  showPhone: false,
  version: 3,
};

describe('ContactCard', () => {
  let fixture: ComponentFixture<ContactCard>;
  let backend: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [ContactCard],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    backend = TestBed.inject(HttpTestingController);
    await answerMe(USER);
    fixture = TestBed.createComponent(ContactCard);
    await fixture.whenStable();
  });

  afterEach(() => backend.verify());

  const element = () => fixture.nativeElement as HTMLElement;
  const text = (root: Element | null = element()) => root?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const input = (autocomplete: string) =>
    present(element().querySelector<HTMLInputElement>(`input[autocomplete="${autocomplete}"]`), autocomplete);
  const checkboxes = () => Array.from(element().querySelectorAll<HTMLInputElement>('input[type="checkbox"]'));
  const save = async () => {
    present(
      Array.from(element().querySelectorAll('button')).find((b) => b.textContent?.includes('Angaben speichern')),
      'save',
    ).click();
    await fixture.whenStable();
  };
  const type = (field: HTMLInputElement, value: string) => {
    field.value = value;
    field.dispatchEvent(new Event('input'));
  };

  it('explains what others see and shows the current details', () => {
    expect(text(element().querySelector('h2'))).toBe('Funktion und Kontakt');
    expect(text()).toContain('Ihr Name und Ihre Organisation sind für alle in der Landesinitiative sichtbar');
    expect(input('organization-title').value).toBe('Leiterin Digitalisierung');
    expect(input('tel').value).toBe('0345 221-4410');
    const labels = Array.from(element().querySelectorAll('mat-checkbox')).map((c) => text(c));
    expect(labels[0]).toContain('Andere in der Landesinitiative dürfen meine E-Mail-Adresse sehen');
    expect(labels[0]).toContain(TEST_USER.email);
    expect(labels[1]).toContain('Andere in der Landesinitiative dürfen meine Telefonnummer sehen');
    expect(checkboxes().map((c) => c.checked)).toEqual([true, false]);
  });

  it('saves function, phone and visibility with the version and loads the profile again', async () => {
    type(input('organization-title'), '  Smart-City-Managerin ');
    type(input('tel'), '');
    checkboxes()[1].click();
    await save();
    const patch = backend.expectOne({ method: 'PATCH', url: '/api/auth/me' });
    expect(patch.request.body).toEqual({
      functionTitle: 'Smart-City-Managerin',
      phone: null,
      showEmail: true,
      showPhone: true,
      version: 3,
    });
    patch.flush({ ...USER, functionTitle: 'Smart-City-Managerin', phone: null, showPhone: true, version: 4 });
    await fixture.whenStable();
    backend
      .expectOne('/api/auth/me')
      .flush({ ...USER, functionTitle: 'Smart-City-Managerin', phone: null, showPhone: true, version: 4 });
    await fixture.whenStable();
    expect(text(element().querySelector('[role="status"]'))).toContain('wurden gespeichert');
    expect(input('organization-title').value).toBe('Smart-City-Managerin');
  });

  it('checks the phone number before sending', async () => {
    type(input('tel'), 'bitte anrufen');
    await save();
    expect(text()).toContain('Bitte nur Ziffern, Leerzeichen und + / - ( ) verwenden');
    expect(document.activeElement).toBe(input('tel'));
    backend.expectNone('/api/auth/me');
  });

  it('offers to reload after a conflict and keeps the entries', async () => {
    type(input('organization-title'), 'Amtsleiterin');
    await save();
    backend
      .expectOne({ method: 'PATCH', url: '/api/auth/me' })
      .flush(
        { code: 'CONFLICT', message: 'Konflikt', details: {}, correlationId: 't' },
        { status: 409, statusText: 'Conflict' },
      );
    await fixture.whenStable();
    const alert = present(element().querySelector('[role="alert"] .message'), 'alert');
    expect(text(alert)).toContain('inzwischen an anderer Stelle geändert');
    present(alert.querySelector('button'), 'reload').click();
    backend.expectOne('/api/auth/me').flush({ ...USER, version: 5 });
    await fixture.whenStable();
    expect(input('organization-title').value).toBe('Amtsleiterin');
    await save();
    const again = backend.expectOne({ method: 'PATCH', url: '/api/auth/me' });
    expect(again.request.body.version).toBe(5);
    again.flush({ ...USER, version: 6 });
    await fixture.whenStable();
    backend.expectOne('/api/auth/me').flush({ ...USER, functionTitle: 'Amtsleiterin', version: 6 });
    await fixture.whenStable();
  });

  it('shows a field error of the api at the field', async () => {
    type(input('tel'), '0345 1');
    await save();
    backend.expectOne({ method: 'PATCH', url: '/api/auth/me' }).flush(
      {
        code: 'VALIDATION_FAILED',
        message: 'Bitte prüfen Sie Ihre Eingaben.',
        details: [{ field: 'phone', code: 'matches', message: 'Diese Telefonnummer ist ungültig.' }],
        correlationId: 't',
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    expect(text()).toContain('Diese Telefonnummer ist ungültig.');
    expect(document.activeElement).toBe(input('tel'));
  });
});
