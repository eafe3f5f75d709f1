import { registerLocaleData } from '@angular/common';
import { provideHttpClient, withFetch, withInterceptors, withXsrfConfiguration } from '@angular/common/http';
import localeDe from '@angular/common/locales/de';
import {
  ApplicationConfig,
  LOCALE_ID,
  inject,
  provideAppInitializer,
  provideBrowserGlobalErrorListeners,
} from '@angular/core';
import { TitleStrategy, provideRouter, withComponentInputBinding } from '@angular/router';
import { appRoutes } from './app.routes';
import { apiErrorInterceptor } from './core/api-error.interceptor';
import { authInterceptor } from './core/auth.interceptor';
import { AuthService } from './core/auth.service';
import { idempotencyInterceptor } from './core/idempotency.interceptor';
import { PageTitleStrategy } from './core/page-title.strategy';

registerLocaleData(localeDe, 'de-DE');

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideRouter(appRoutes, withComponentInputBinding()),
    { provide: TitleStrategy, useClass: PageTitleStrategy },
    provideHttpClient(
      withFetch(),
      withInterceptors([apiErrorInterceptor, authInterceptor, idempotencyInterceptor]),
      withXsrfConfiguration({
        cookieName: 'XSRF-TOKEN',
        headerName: 'X-XSRF-TOKEN',
      }),
    ),
    // Ask once who is signed in (without holding up the first page). This GET also gives the
    // browser its XSRF-TOKEN cookie before the first POST (sign-in).
    provideAppInitializer(() => {
      inject(AuthService).load().subscribe();
    }),
    // Material's MAT_DATE_LOCALE follows LOCALE_ID; importing @angular/material/core here would pull
    // all of its used parts (options, ripples, date adapters) into the initial bundle.
    { provide: LOCALE_ID, useValue: 'de-DE' },
  ],
};
