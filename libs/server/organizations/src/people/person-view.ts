import { AccountStatus, PlatformRole } from '@srp/contracts';
import { Actor, isCoordination } from '@srp/server/identity';
import { seesPrivateOf } from '../access/organization-access';
import { PersonDto } from '../organizations.dto';

/** A person row as the people queries select it. */
export interface PersonRow {
  id: string;
  name: string;
  email: string;
  phone: string | null;
  function_title: string | null;
  organization_id: string | null;
  organization_name: string | null;
  is_contact: boolean;
  show_email: boolean;
  show_phone: boolean;
  role: PlatformRole;
  status: AccountStatus;
  version: number;
}

/** The columns of `PersonRow`, for `SELECT … FROM account a LEFT JOIN organization o`. */
export const PERSON_COLUMNS = `a.id, a.name, a.email, a.phone, a.function_title, a.organization_id,
  o.display_name AS organization_name, a.is_contact, a.show_email, a.show_phone, a.role, a.status, a.version`;

/**
 * What an actor sees of a person: name and organisation always; e-mail and phone only when the
 * person shared them, for themselves, and for those acting for the person's organisation.
 */
export function toPersonDto(row: PersonRow, actor: Actor): PersonDto {
  const full =
    row.id === actor.accountId ||
    isCoordination(actor) ||
    (row.organization_id !== null && seesPrivateOf(actor, row.organization_id));
  return {
    id: row.id,
    name: row.name,
    organizationId: row.organization_id,
    organizationName: row.organization_name,
    functionTitle: row.function_title,
    email: full || row.show_email ? row.email : null,
    phone: full || row.show_phone ? row.phone : null,
    isContact: row.is_contact,
    role: row.role,
    status: row.status,
    version: Number(row.version),
  };
}
