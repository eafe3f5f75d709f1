import { Browser, expect, test } from '@playwright/test';
import { TestAccount, createAccount, signIn } from '../support/accounts';
import { expectNoSeriousA11yViolations } from '../support/axe';

test.describe('the portal shell', () => {
  let account: TestAccount;

  test.beforeAll(() => {
    account = createAccount('Gerda Rundgang', 'Abends am Elbufer sitzen 2026', 'shell');
  });

  /** A new browser context, signed in through the sign-in form, on the start page. */
  async function signedIn(browser: Browser) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto('/');
    await expect(page).toHaveURL(/\/anmelden$/);
    await signIn(page, account.email, account.password);
    await expect(page).toHaveURL(/\/$/);
    return { context, page };
  }

  test('opens in German, passes axe, and is saved as a screenshot', async ({ browser }, testInfo) => {
    const { context, page } = await signedIn(browser);

    await expect(page).toHaveTitle(/SmartRegion Portal/);
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    const nav = page.getByRole('navigation', { name: /Hauptnavigation/i });
    for (const label of ['Übersicht', 'Kommunen', 'Arbeitsgruppen', 'Aufgaben', 'Termine', 'Wissen', 'Verwaltung']) {
      await expect(nav.getByRole('link', { name: label })).toBeVisible();
    }
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    const screenshot = testInfo.outputPath('portal-shell.png');
    await page.screenshot({ path: screenshot, fullPage: true });
    await testInfo.attach('portal-shell', { path: screenshot, contentType: 'image/png' });
    await context.close();
  });

  test('every page of the navigation is reachable, titled and accessible', async ({ browser }) => {
    const { context, page } = await signedIn(browser);
    const nav = page.getByRole('navigation', { name: /Hauptnavigation/i });
    for (const label of ['Kommunen', 'Arbeitsgruppen', 'Aufgaben', 'Termine', 'Wissen', 'Verwaltung', 'Übersicht']) {
      await nav.getByRole('link', { name: label }).click();
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(nav.getByRole('link', { name: label })).toHaveAttribute('aria-current', 'page');
      await expect(page).toHaveTitle(new RegExp(`${label === 'Übersicht' ? '' : label}.*SmartRegion Portal`));
      await expectNoSeriousA11yViolations(page);
    }
    await context.close();
  });

  test('the skip link moves keyboard focus to the main content', async ({ browser }) => {
    const { context, page } = await signedIn(browser);
    await page.goto('/kommunen');
    await expect(page.getByRole('heading', { level: 1, name: 'Kommunen' })).toBeVisible();
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Zum Inhalt springen' });
    await expect(skip).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.locator('main')).toBeFocused();
    await context.close();
  });

  test('legal pages show the operator texts served by the api, also without sign-in', async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto('/');
    await expect(page).toHaveURL(/\/anmelden$/);
    await page.getByRole('contentinfo').getByRole('link', { name: 'Impressum' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Impressum' })).toBeVisible();
    await expect(page.getByText(/Angaben nach § 5 DDG/)).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.getByRole('contentinfo').getByRole('link', { name: 'Barrierefreiheit' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Erklärung zur Barrierefreiheit' })).toBeVisible();
    await expect(page).toHaveURL(/\/barrierefreiheit$/);
    await expectNoSeriousA11yViolations(page);
    await context.close();
  });

  test('an unknown address shows a German 404 page with a way back, also without sign-in', async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto('/gibt-es-nicht');
    await expect(page.getByRole('heading', { level: 1, name: /Seite nicht gefunden/ })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page
      .getByRole('link', { name: /Übersicht/ })
      .last()
      .click();
    // The start page needs sign-in: the way back leads there through the sign-in page.
    await expect(page).toHaveURL(/\/anmelden$/);
    await context.close();
  });

  test('the browser loads nothing from foreign hosts and runs no inline script', async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const foreign: string[] = [];
    const cspViolations: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith('http://127.0.0.1') && !request.url().startsWith('data:'))
        foreign.push(request.url());
    });
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    await page.goto('/');
    await page.waitForLoadState('networkidle');
    await signIn(page, account.email, account.password);
    await page.getByRole('button', { name: /Benutzermenü/ }).click();
    await page.getByRole('menuitem', { name: 'Mein Profil' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Mein Profil' })).toBeVisible();
    await page.waitForLoadState('networkidle');
    expect(foreign).toEqual([]);
    expect(cspViolations).toEqual([]);
    await context.close();
  });
});
