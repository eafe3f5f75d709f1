import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable, map } from 'rxjs';
import { ApiConfiguration } from '../api/generated/api-configuration';
import { siteLegalPage } from '../api/generated/fn/site/site-legal-page';
import { LegalPageDto } from '../api/generated/models/legal-page-dto';

/** The legal pages the api serves under /api/site/legal/{page}. */
export type LegalPageId = LegalPageDto['page'];

/** Content of one legal page: plain-text paragraphs, never HTML. */
export type LegalPageContent = LegalPageDto;

/** Reads operator-edited site content through the client generated from the OpenAPI document. */
@Injectable({ providedIn: 'root' })
export class SiteContentService {
  private readonly http = inject(HttpClient);
  private readonly api = inject(ApiConfiguration);

  /** Loads the paragraphs of one legal page (Impressum, Datenschutz, Barrierefreiheit). */
  legalPage(page: LegalPageId): Observable<LegalPageContent> {
    return siteLegalPage(this.http, this.api.rootUrl, { page }).pipe(map((response) => response.body));
  }
}
