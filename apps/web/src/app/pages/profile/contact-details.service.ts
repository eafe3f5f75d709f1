import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable, map } from 'rxjs';
import { ApiConfiguration } from '../../api/generated/api-configuration';
import { authUpdateMe } from '../../api/generated/fn/auth/auth-update-me';
import { MeDto } from '../../api/generated/models/me-dto';

/** Function, phone number and what others in the initiative may see of the person. */
export interface ContactDetails {
  functionTitle: string | null;
  phone: string | null;
  showEmail: boolean;
  showPhone: boolean;
}

/** Mein Profil → "Funktion und Kontakt": saves the person's own contact details. */
@Injectable({ providedIn: 'root' })
export class ContactDetailsService {
  private readonly http = inject(HttpClient);
  private readonly api = inject(ApiConfiguration);

  /** `version` is the one of the profile the change is based on; 409 CONFLICT when it is stale. */
  update(details: ContactDetails, version: number): Observable<MeDto> {
    return authUpdateMe(this.http, this.api.rootUrl, { body: { ...details, version } }).pipe(
      map((response) => response.body),
    );
  }
}
