import { GroupRole, GroupSummary } from '../../core/groups.service';

/** How a role in a group reads in the UI. */
export const GROUP_ROLE_LABELS: Record<GroupRole, string> = {
  lead: 'Sprecher*in',
  member: 'Mitglied',
};

/** How the signed-in person stands in a group, for a card or a banner; null when not in it. */
export function myStandingLabel(group: Pick<GroupSummary, 'myRole' | 'myStatus'>): string | null {
  if (group.myStatus === 'requested') {
    return 'Anfrage offen';
  }
  if (group.myStatus === 'active') {
    return group.myRole === 'lead' ? 'Sie sind Sprecher*in' : 'Sie sind Mitglied';
  }
  return null;
}

/** "1 Mitglied" / "12 Mitglieder". */
export function membersText(count: number): string {
  return count === 1 ? '1 Mitglied' : `${count} Mitglieder`;
}

/** "1 Organisation" / "7 Organisationen". */
export function organizationsText(count: number): string {
  return count === 1 ? '1 Organisation' : `${count} Organisationen`;
}

/** "1 Person" / "3 Personen". */
export function peopleText(count: number): string {
  return count === 1 ? '1 Person' : `${count} Personen`;
}

/** Two letters for the avatar circle: "Anna Schmidt" → "AS". */
export function initials(name: string): string {
  const parts = name
    .replace(/\(.*?\)/g, ' ')
    .split(/[\s-]+/)
    .filter((part) => /\p{L}/u.test(part));
  const first = parts[0]?.match(/\p{L}/u)?.[0] ?? '';
  const last = parts.length > 1 ? (parts[parts.length - 1].match(/\p{L}/u)?.[0] ?? '') : '';
  return (first + last).toUpperCase();
}
