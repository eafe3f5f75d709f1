import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import { catchError, map, of, startWith, switchMap } from 'rxjs';
import { LegalPageContent, LegalPageId, SiteContentService } from '../../core/site-content.service';

type LegalPageState =
  | { status: 'loading' }
  | { status: 'loaded'; content: LegalPageContent }
  | { status: 'missing' }
  | { status: 'error' };

/** Impressum, Datenschutz and Barrierefreiheit: text maintained on the server. */
@Component({
  selector: 'srp-legal-page',
  imports: [MatButton, MatIcon, MatProgressBar],
  templateUrl: './legal-page.html',
  styles: `
    .progress {
      max-width: 46rem;
      margin: 1.5rem 0;
    }
    .notice {
      max-width: 46rem;
      padding: 1rem 1.25rem;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: var(--mat-sys-corner-medium);
      background: var(--mat-sys-surface-container-low);
    }
    .notice p {
      margin: 0;
    }
    .error {
      display: flex;
      gap: 1rem;
      align-items: flex-start;
      max-width: 46rem;
      padding: 1rem 1.25rem;
      border-radius: var(--mat-sys-corner-medium);
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .error p {
      margin: 0 0 0.75rem;
    }
    .error mat-icon {
      flex: none;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LegalPage {
  private readonly siteContent = inject(SiteContentService);

  /** Which page to load; route data, bound by withComponentInputBinding(). */
  readonly page = input.required<LegalPageId>();
  /** Heading shown until the server's title has arrived; route data. */
  readonly heading = input('');

  private readonly attempt = signal(0);

  protected readonly state = toSignal(
    toObservable(computed(() => ({ page: this.page(), attempt: this.attempt() }))).pipe(
      switchMap(({ page }) =>
        this.siteContent.legalPage(page).pipe(
          map((content): LegalPageState => ({ status: 'loaded', content })),
          // The interceptor already told the user about server failures; here we show
          // what it means for this page and offer a retry.
          catchError((error: unknown) =>
            of<LegalPageState>(
              error instanceof HttpErrorResponse && error.status === 404 ? { status: 'missing' } : { status: 'error' },
            ),
          ),
          startWith<LegalPageState>({ status: 'loading' }),
        ),
      ),
    ),
    { initialValue: { status: 'loading' } as LegalPageState },
  );

  protected readonly title = computed(() => {
    const state = this.state();
    return state.status === 'loaded' && state.content.title ? state.content.title : this.heading();
  });

  protected retry(): void {
    this.attempt.update((n) => n + 1);
  }
}
