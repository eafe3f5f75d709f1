import { GroupDetail, GroupMember, GroupSummary } from '../../core/groups.service';
import { TEST_USER } from '../../testing/auth-testing';

/** Test data for the specs of the working group pages. */
export const GROUP_ID = '18514f7f-7785-4a1b-8ee0-27d40092bbdc';
export const HALLE = 'aaaaaaaa-0000-4000-8000-000000000001';
export const DESSAU = 'aaaaaaaa-0000-4000-8000-000000000002';

export function member(overrides: Partial<GroupMember> & Pick<GroupMember, 'personId' | 'name'>): GroupMember {
  return {
    functionTitle: null,
    organizationId: HALLE,
    organizationName: 'Halle (Saale)',
    role: 'member',
    status: 'active',
    joinedAt: '2026-06-01T08:00:00.000Z',
    requestedAt: null,
    requestMessage: null,
    ...overrides,
  };
}

export const ANNA = member({
  personId: '10000000-0000-4000-8000-000000000001',
  name: 'Anna Schmidt',
  functionTitle: 'Leiterin Digitalisierung',
  role: 'lead',
});
export const JONAS = member({
  personId: '10000000-0000-4000-8000-000000000002',
  name: 'Jonas Becker',
  organizationId: DESSAU,
  organizationName: 'Dessau-Roßlau',
});
export const MIRIAM = member({
  personId: '10000000-0000-4000-8000-000000000003',
  name: 'Miriam Hoffmann',
  organizationId: DESSAU,
  organizationName: 'Dessau-Roßlau',
  role: 'lead',
});
export const MARKUS = member({
  personId: '10000000-0000-4000-8000-000000000004',
  name: 'Markus Lange',
  status: 'requested',
  joinedAt: null,
  requestedAt: '2026-11-24T09:30:00.000Z',
  requestMessage: 'Wir bauen ein Sensornetz auf.',
});
/** The signed-in person (TEST_USER) as a member. */
export const ME = member({ personId: TEST_USER.id, name: TEST_USER.name });

export function group(overrides: Partial<GroupDetail> = {}): GroupDetail {
  return {
    id: GROUP_ID,
    kind: 'uag',
    number: 3,
    name: 'Digitaler Zwilling',
    shortName: 'Zwilling',
    status: 'active',
    phase: 'Phase 2 (2024/25)',
    memberCount: 3,
    organizationCount: 2,
    myRole: null,
    myStatus: null,
    version: 4,
    description: 'Digitale Zwillinge von **Städten**.',
    descriptionHtml: '<p>Digitale Zwillinge von <strong>Städten</strong>.</p>',
    goals: '- Anforderungen',
    goalsHtml: '<ul><li>Anforderungen</li></ul>',
    // Not sorted on purpose: the page puts leads first.
    members: [JONAS, ANNA, MIRIAM],
    requests: [],
    organizations: [
      { id: DESSAU, displayName: 'Dessau-Roßlau', districtName: 'Dessau-Roßlau', memberCount: 2 },
      { id: HALLE, displayName: 'Halle (Saale)', districtName: 'Halle (Saale)', memberCount: 1 },
    ],
    permissions: { edit: false, manageMembers: false, join: true, leave: false },
    ...overrides,
  };
}

export function summary(overrides: Partial<GroupSummary> = {}): GroupSummary {
  const {
    id,
    kind,
    number,
    name,
    shortName,
    status,
    phase,
    memberCount,
    organizationCount,
    myRole,
    myStatus,
    version,
  } = group();
  return {
    id,
    kind,
    number,
    name,
    shortName,
    status,
    phase,
    memberCount,
    organizationCount,
    myRole,
    myStatus,
    version,
    ...overrides,
  };
}

export function apiError(status: number, code: string, message: string, details: unknown = {}) {
  return [
    { code, message, details, correlationId: 'test' },
    { status, statusText: 'Fehler' },
  ] as const;
}
