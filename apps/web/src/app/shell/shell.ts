import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, ElementRef, inject, signal, viewChild } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { MatSidenav, MatSidenavContainer, MatSidenavContent } from '@angular/material/sidenav';
import { MatToolbar } from '@angular/material/toolbar';
import { NavigationEnd, Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { filter, map, skip, tap } from 'rxjs';
import { PRODUCT_NAME } from '../core/page-title.strategy';
import { LEGAL_NAV, MAIN_NAV } from './nav-items';

/** From this width on the navigation stays open beside the content. */
export const WIDE_LAYOUT_QUERY = '(min-width: 960px)';

/** Page frame: skip link, toolbar, main navigation, content area and footer. */
@Component({
  selector: 'srp-shell',
  // The shell is in the initial bundle: single directives instead of NgModules, and plain
  // Material Symbols spans instead of MatIcon/MatIconButton, keep it small.
  imports: [MatSidenav, MatSidenavContainer, MatSidenavContent, MatToolbar, RouterLink, RouterLinkActive, RouterOutlet],
  templateUrl: './shell.html',
  styleUrl: './shell.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Shell {
  private readonly breakpoints = inject(BreakpointObserver);
  private readonly router = inject(Router);

  protected readonly productName = PRODUCT_NAME;
  protected readonly mainNav = MAIN_NAV;
  protected readonly legalNav = LEGAL_NAV;

  /** Whether the narrow-screen menu is open; the wide layout ignores it. */
  protected readonly menuOpen = signal(false);

  protected readonly wide = toSignal(
    this.breakpoints.observe(WIDE_LAYOUT_QUERY).pipe(
      map((state) => state.matches),
      tap(() => this.menuOpen.set(false)),
    ),
    { initialValue: this.breakpoints.isMatched(WIDE_LAYOUT_QUERY) },
  );

  private readonly main = viewChild.required<ElementRef<HTMLElement>>('main');
  private readonly content = viewChild.required(MatSidenavContent);

  constructor() {
    // After an in-app navigation, start reading (and tabbing) at the new page's content,
    // as a full page load would; the first navigation keeps the browser default.
    this.router.events
      .pipe(
        filter((event) => event instanceof NavigationEnd),
        skip(1),
        takeUntilDestroyed(),
      )
      .subscribe(() => {
        this.menuOpen.set(false);
        this.content().scrollTo({ top: 0 });
        this.main().nativeElement.focus({ preventScroll: true });
      });
  }

  protected onMenuOpenedChange(opened: boolean): void {
    if (!this.wide()) {
      this.menuOpen.set(opened);
    }
  }

  protected toggleMenu(): void {
    this.menuOpen.update((open) => !open);
  }

  /** The skip link must not change the URL (with <base href> "#inhalt" would leave the page). */
  protected skipToContent(event: Event): void {
    event.preventDefault();
    this.main().nativeElement.focus();
  }
}
