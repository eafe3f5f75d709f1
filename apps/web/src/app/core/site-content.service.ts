import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';

/** The legal pages the api serves under /api/site/legal/{page}. */
export type LegalPageId = 'impressum' | 'datenschutz' | 'barrierefreiheit';

/** Content of one legal page: plain-text paragraphs, never HTML. */
export interface LegalPageContent {
  page: string;
  title: string;
  paragraphs: string[];
}

/**
 * The one place the web app reads site content from the api.
 * Its body is meant to be replaced by the generated OpenAPI client; callers keep this signature.
 */
@Injectable({ providedIn: 'root' })
export class SiteContentService {
  private readonly http = inject(HttpClient);

  /** Loads the paragraphs of one legal page (Impressum, Datenschutz, Barrierefreiheit). */
  legalPage(page: LegalPageId): Observable<LegalPageContent> {
    return this.http.get<LegalPageContent>(
      `/api/site/legal/${encodeURIComponent(page)}`,
    );
  }
}
