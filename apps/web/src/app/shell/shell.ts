import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, ElementRef, computed, inject, signal, viewChild } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { MatSidenav, MatSidenavContainer, MatSidenavContent } from '@angular/material/sidenav';
import { MatToolbar } from '@angular/material/toolbar';
import { NavigationEnd, Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { filter, map, skip, tap } from 'rxjs';
import { AuthService, SIGN_IN_PATH } from '../core/auth.service';
import { NotificationsService } from '../core/notifications.service';
import { PRODUCT_NAME } from '../core/page-title.strategy';
import { LEGAL_NAV, navItemsFor } from './nav-items';
import { bellBadge } from './bell-labels';
import { NotificationBell } from './notification-bell';
import { UserMenu } from './user-menu';

/** From this width on the navigation stays open beside the content. */
export const WIDE_LAYOUT_QUERY = '(min-width: 960px)';

/**
 * Page frame: skip link, toolbar with the notification bell and the user menu, main navigation,
 * content area and footer.
 * Signed-out people (sign-in, legal and error pages) see the frame without navigation.
 */
@Component({
  selector: 'srp-shell',
  // The shell is in the initial bundle: single directives instead of NgModules, and plain
  // Material Symbols spans instead of MatIcon/MatIconButton, keep it small.
  imports: [
    MatSidenav,
    MatSidenavContainer,
    MatSidenavContent,
    MatToolbar,
    RouterLink,
    RouterLinkActive,
    RouterOutlet,
    NotificationBell,
    UserMenu,
  ],
  templateUrl: './shell.html',
  styleUrl: './shell.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Shell {
  private readonly breakpoints = inject(BreakpointObserver);
  private readonly router = inject(Router);
  private readonly auth = inject(AuthService);

  protected readonly productName = PRODUCT_NAME;
  protected readonly legalNav = LEGAL_NAV;

  protected readonly user = this.auth.user;
  /** Members do not see the administration: it is not for them (the route guard says the same). */
  protected readonly mainNav = computed(() => navItemsFor(this.user()?.role));
  protected readonly signedIn = this.auth.signedIn;
  protected readonly known = this.auth.known;
  /** The bell's number: polled from the start (the bell's menu itself loads when the browser is idle). */
  protected readonly unreadCount = inject(NotificationsService).unreadCount;
  protected readonly unreadBadge = computed(() => bellBadge(this.unreadCount()));

  private readonly url = toSignal(
    this.router.events.pipe(
      filter((event) => event instanceof NavigationEnd),
      map((event) => event.urlAfterRedirects),
    ),
    { initialValue: this.router.url },
  );
  protected readonly onSignInPage = computed(() => this.url().split(/[?#]/)[0] === SIGN_IN_PATH);

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

  /** Ends the session on the server and goes to the sign-in page (also if the server failed). */
  protected signOut(): void {
    const toSignIn = () => void this.router.navigateByUrl(SIGN_IN_PATH);
    this.auth.logout().subscribe({ complete: toSignIn, error: toSignIn });
  }

  /** The skip link must not change the URL (with <base href> "#inhalt" would leave the page). */
  protected skipToContent(event: Event): void {
    event.preventDefault();
    this.main().nativeElement.focus();
  }
}
