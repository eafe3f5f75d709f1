import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { MeDto } from '../api/generated/models/me-dto';
import { AuthService } from '../core/auth.service';

/** The person tests sign in as. */
export const TEST_USER: MeDto = {
  id: '7d0f6a8e-2c1b-4f1e-9a57-1b6f3e0c2a11',
  email: 'erika.muster@halle.de',
  name: 'Erika Muster',
  role: 'coordinator',
  status: 'active',
  secondFactorEnabled: false,
  secondFactorPending: false,
  organizationId: null,
  isContact: false,
  functionTitle: null,
  phone: null,
  showEmail: false,
  showPhone: false,
  version: 1,
};

/**
 * Lets the AuthService ask GET /api/auth/me and answers it from the test's HTTP backend:
 * with the person (signed in) or with 401 (signed out).
 */
export async function answerMe(user: MeDto | null = TEST_USER): Promise<void> {
  const loaded = firstValueFrom(TestBed.inject(AuthService).load());
  const request = TestBed.inject(HttpTestingController).expectOne('/api/auth/me');
  if (user) {
    request.flush(user);
  } else {
    request.flush(
      { code: 'UNAUTHENTICATED', message: 'Bitte melden Sie sich an.', details: {}, correlationId: 'test' },
      { status: 401, statusText: 'Unauthorized' },
    );
  }
  await loaded;
}

/** Data requests the pages and the shell make on their own (start page, Kommunen, groups, bell), answered empty. */
const PAGE_DATA: Array<[RegExp, object | null]> = [
  [/^\/api\/(organizations|districts|groups|people)$/, []],
  [/^\/api\/organizations\/[^/]+$/, null],
  [/^\/api\/coverage$/, { groups: [], rows: [] }],
  [/^\/api\/meetings$/, { items: [] }],
  [/^\/api\/tasks\/counts$/, { open: 0, overdue: 0, dueThisWeek: 0 }],
  [/^\/api\/tasks\/mine$/, { items: [], counts: { open: 0, overdue: 0, dueThisWeek: 0 }, today: '2026-11-26' }],
  [/^\/data\/sachsen-anhalt-kreise\.geojson$/, { type: 'FeatureCollection', features: [] }],
  // The bell's count (polled while signed in) and its menu's newest notifications.
  [/^\/api\/notifications\/unread-count$/, { count: 0, latestAt: null }],
  [/^\/api\/notifications$/, { items: [], unreadCount: 0, nextCursor: null }],
];

/**
 * Answers whatever page data is still open with empty results, for specs about routing and the
 * shell that do not care what the pages show; then `verify()` still catches unexpected requests.
 */
export function flushPageData(): void {
  const http = TestBed.inject(HttpTestingController);
  for (const [pattern, body] of PAGE_DATA) {
    http
      .match((request) => pattern.test(request.url))
      // Requests given up meanwhile (e.g. the bell's after signing out) need no answer.
      .filter((request) => !request.cancelled)
      .forEach((request) => request.flush(body));
  }
}
