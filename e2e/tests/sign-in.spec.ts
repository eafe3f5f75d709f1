import { BrowserContext, Page, expect, test } from '@playwright/test';
import { createAccount, signIn } from '../support/accounts';
import { animationsSettled, expectNoSeriousA11yViolations } from '../support/axe';

/** Everything the app keeps in web storage, as one string. */
function webStorage(page: Page): Promise<string> {
  return page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
}

async function sessionCookie(context: BrowserContext) {
  const cookie = (await context.cookies()).find((c) => c.name.endsWith('srp_session'));
  expect(cookie, 'the session cookie').toBeDefined();
  return cookie as NonNullable<typeof cookie>;
}

const userMenu = (page: Page) => page.getByRole('button', { name: /Benutzermenü/ });
const sessionsSection = (page: Page) => page.getByRole('region', { name: 'Meine Sitzungen' });

async function openProfile(page: Page): Promise<void> {
  await userMenu(page).click();
  await page.getByRole('menuitem', { name: 'Mein Profil' }).click();
  await expect(page).toHaveURL(/\/profil$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Mein Profil' })).toBeVisible();
  await expect(sessionsSection(page).getByRole('listitem').first()).toBeVisible();
}

async function signOut(page: Page): Promise<void> {
  await userMenu(page).click();
  await page.getByRole('menuitem', { name: 'Abmelden' }).click();
  await expect(page).toHaveURL(/\/anmelden$/);
  await expect(page.getByRole('status')).toContainText('Sie haben sich abgemeldet.');
}

test.describe('signing in and out', () => {
  test('wrong password, sign-in, user menu, profile, sign-out; nothing secret in web storage', async ({ page }) => {
    const account = createAccount('Erika Muster', 'Morgens über die Elbbrücke radeln', 'erika');

    await page.goto('/anmelden');
    await expect(page).toHaveTitle('Anmelden – SmartRegion Portal');
    await expect(page.getByRole('heading', { level: 1, name: 'Anmelden' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Hauptnavigation' })).toHaveCount(0);
    await expectNoSeriousA11yViolations(page);

    // German inline validation before anything is sent.
    await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
    await expect(page.getByText('Bitte geben Sie Ihre E-Mail-Adresse ein.')).toBeVisible();
    await expect(page.getByText('Bitte geben Sie Ihr Passwort ein.')).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    // A wrong password: the api's German message in the alert region.
    await page.getByLabel('E-Mail-Adresse').fill(account.email);
    await page.getByLabel('Passwort', { exact: true }).fill('Das ist nicht mein Passwort');
    await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
    await expect(page.getByRole('alert')).toContainText('E-Mail-Adresse oder Passwort ist nicht richtig.');
    await expect(page).toHaveURL(/\/anmelden$/);
    await expectNoSeriousA11yViolations(page);

    // The show/hide toggle.
    const password = page.getByLabel('Passwort', { exact: true });
    await expect(password).toHaveAttribute('type', 'password');
    await page.getByRole('button', { name: 'Passwort anzeigen' }).click();
    await expect(password).toHaveAttribute('type', 'text');
    await page.getByRole('button', { name: 'Passwort verbergen' }).click();
    await expect(password).toHaveAttribute('type', 'password');

    await signIn(page, account.email, account.password);
    await expect(page).toHaveURL(/\/$/);
    await expect(userMenu(page)).toContainText('Erika Muster');
    await expect(page.getByRole('navigation', { name: 'Hauptnavigation' })).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    // The session lives in an HttpOnly cookie only.
    const cookie = await sessionCookie(page.context());
    expect(cookie.httpOnly).toBe(true);
    const storage = await webStorage(page);
    expect(storage).not.toContain(account.password);
    expect(storage).not.toContain(cookie.value);
    expect(storage.toLowerCase()).not.toMatch(/session|token|passwor/);

    // The user menu works with the keyboard: open with Enter, move with the arrows, Escape closes.
    await userMenu(page).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('menuitem', { name: 'Mein Profil' })).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('menuitem', { name: 'Abmelden' })).toBeFocused();
    await expectNoSeriousA11yViolations(page);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('menu')).toHaveCount(0);
    await expect(userMenu(page)).toBeFocused();

    await openProfile(page);
    await expect(page).toHaveTitle('Mein Profil – SmartRegion Portal');
    const facts = page.getByRole('region', { name: 'Ihre Angaben' });
    await expect(facts).toContainText('Erika Muster');
    await expect(facts).toContainText(account.email);
    await expect(facts).toContainText('Administration');
    const current = sessionsSection(page).getByRole('listitem').filter({ hasText: 'Diese Sitzung' });
    await expect(current).toHaveCount(1);
    await expect(current).toContainText('Chrome unter Linux');
    await expect(current).toContainText(/Zuletzt aktiv: \d{2}\.\d{2}\.\d{4}, \d{2}:\d{2} Uhr/);
    await expect(current.getByRole('button', { name: 'Sitzung beenden' })).toHaveCount(0);
    await expectNoSeriousA11yViolations(page);
    expect(await webStorage(page)).not.toContain(account.password);

    await signOut(page);
    await expectNoSeriousA11yViolations(page);
    expect((await page.context().cookies()).find((c) => c.name.endsWith('srp_session'))).toBeUndefined();
    await page.goto('/profil');
    await expect(page).toHaveURL(/\/anmelden\?ziel=%2Fprofil$/);
  });

  test('a protected address while signed out leads to sign-in and back (Enter submits)', async ({ page }) => {
    const account = createAccount('Jonas Beispiel', 'Kaffee mit Blick auf den Dom', 'jonas');

    await page.goto('/termine');
    await expect(page).toHaveURL(/\/anmelden\?ziel=%2Ftermine$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Anmelden' })).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    await page.getByLabel('E-Mail-Adresse').fill(account.email);
    await page.getByLabel('Passwort', { exact: true }).fill(account.password);
    await page.getByLabel('Passwort', { exact: true }).press('Enter');

    await expect(page).toHaveURL(/\/termine$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Termine' })).toBeVisible();
    await expect(userMenu(page)).toContainText('Jonas Beispiel');
    await expectNoSeriousA11yViolations(page);

    // Signed in, the sign-in page forwards to where ziel points.
    await page.goto('/anmelden?ziel=%2Fwissen');
    await expect(page).toHaveURL(/\/wissen$/);
  });

  test('changing the password ends the other sessions; the new password works next time', async ({ browser }) => {
    const account = createAccount('Paula Wechsel', 'Herbstlaub im Stadtpark fegen', 'paula');
    const newPassword = 'Winterabend mit heißem Tee und Buch';

    const other = await browser.newContext();
    const otherPage = await other.newPage();
    await signIn(otherPage, account.email, account.password);

    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, account.email, account.password);
    await openProfile(page);
    await expect(sessionsSection(page).getByRole('listitem')).toHaveCount(2);

    const form = page.getByRole('region', { name: 'Passwort ändern' });
    await expect(form.getByText('Mindestens 8 Zeichen, empfohlen 12 oder mehr; Sätze sind gut.')).toBeVisible();

    // Wrong current password: the api's message at that field.
    await form.getByLabel('Bisheriges Passwort', { exact: true }).fill('Das war es nicht');
    await form.getByLabel('Neues Passwort', { exact: true }).fill(newPassword);
    await form.getByLabel('Neues Passwort wiederholen', { exact: true }).fill(newPassword);
    await form.getByRole('button', { name: 'Passwort ändern' }).click();
    await expect(form.getByText('Das bisherige Passwort ist nicht richtig.')).toBeVisible();
    await expect(form.getByLabel('Bisheriges Passwort', { exact: true })).toBeFocused();
    await expectNoSeriousA11yViolations(page);

    await form.getByLabel('Bisheriges Passwort', { exact: true }).fill(account.password);
    await form.getByRole('button', { name: 'Passwort ändern' }).click();
    await expect(form.getByRole('status')).toContainText(
      'Ihr Passwort wurde geändert. 1 andere Sitzung wurde beendet.',
    );
    await expect(sessionsSection(page).getByRole('listitem')).toHaveCount(1);
    await expect(sessionsSection(page)).toContainText('Sie sind zurzeit nur in diesem Browser angemeldet.');
    await expectNoSeriousA11yViolations(page);
    expect(await webStorage(page)).not.toContain(newPassword);

    // The other browser is signed out: its next request goes to the sign-in page.
    await otherPage.goto('/profil');
    await expect(otherPage).toHaveURL(/\/anmelden\?ziel=%2Fprofil$/);
    await other.close();

    await signOut(page);
    await page.getByLabel('E-Mail-Adresse').fill(account.email);
    await page.getByLabel('Passwort', { exact: true }).fill(account.password);
    await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
    await expect(page.getByRole('alert')).toContainText('E-Mail-Adresse oder Passwort ist nicht richtig.');

    await signIn(page, account.email, newPassword);
    await expect(userMenu(page)).toContainText('Paula Wechsel');
    await context.close();
  });

  test('ending another session, and signing out everywhere else, after confirming', async ({ browser }) => {
    const account = createAccount('Karl Sitzung', 'Regen auf dem Marktplatz in Halle', 'karl');
    const others = await Promise.all([browser.newContext(), browser.newContext()]);
    const otherPages = await Promise.all(others.map((c) => c.newPage()));
    for (const otherPage of otherPages) {
      await signIn(otherPage, account.email, account.password);
    }

    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, account.email, account.password);
    await openProfile(page);
    const items = sessionsSection(page).getByRole('listitem');
    await expect(items).toHaveCount(3);

    // Cancel first: nothing happens.
    await items.nth(1).getByRole('button', { name: 'Sitzung beenden' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Sitzung beenden?' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Abbrechen' })).toBeFocused();
    await expectNoSeriousA11yViolations(page);
    await page.keyboard.press('Enter');
    await expect(dialog).toHaveCount(0);
    await expect(items).toHaveCount(3);

    await items.nth(1).getByRole('button', { name: 'Sitzung beenden' }).click();
    await dialog.getByRole('button', { name: 'Sitzung beenden' }).click();
    await expect(sessionsSection(page).getByRole('status')).toContainText('wurde beendet.');
    await expect(items).toHaveCount(2);

    await sessionsSection(page).getByRole('button', { name: 'Überall sonst abmelden' }).click();
    const everywhere = page.getByRole('alertdialog', { name: 'Überall sonst abmelden?' });
    await expect(everywhere).toContainText('1 andere Sitzung wird beendet.');
    await everywhere.getByRole('button', { name: 'Überall sonst abmelden' }).click();
    await expect(sessionsSection(page).getByRole('status')).toContainText('1 andere Sitzung wurde beendet.');
    await expect(items).toHaveCount(1);
    await expectNoSeriousA11yViolations(page);

    for (const otherPage of otherPages) {
      await otherPage.goto('/');
      await expect(otherPage).toHaveURL(/\/anmelden$/);
    }
    await Promise.all([...others, context].map((c) => c.close()));
  });

  test('screenshots of the sign-in and profile pages', async ({ browser }, testInfo) => {
    const account = createAccount('Dr. Henriette Mustermann-Schulze', 'Sonnenaufgang über dem Harz', 'henriette');
    // A second browser (Firefox on Windows, as the api sees it), so the profile lists another session.
    const elsewhere = await browser.newContext({
      userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0',
    });
    await signIn(await elsewhere.newPage(), account.email, account.password);
    for (const [name, viewport] of [
      ['desktop', { width: 1280, height: 800 }],
      ['mobile', { width: 390, height: 844 }],
    ] as const) {
      const context = await browser.newContext({ viewport });
      const page = await context.newPage();
      await page.goto('/anmelden');
      await expect(page.getByRole('heading', { level: 1, name: 'Anmelden' })).toBeVisible();
      await page.screenshot({ path: testInfo.outputPath(`sign-in-${name}.png`), fullPage: true });

      await page.getByLabel('E-Mail-Adresse').fill(account.email);
      await page.getByLabel('Passwort', { exact: true }).fill('falsch geraten');
      await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
      await expect(page.getByRole('alert')).toContainText('nicht richtig');
      await page.screenshot({ path: testInfo.outputPath(`sign-in-error-${name}.png`), fullPage: true });

      await signIn(page, account.email, account.password);
      await page.goto('/profil');
      await expect(sessionsSection(page).getByRole('listitem').first()).toBeVisible();
      await expectNoSeriousA11yViolations(page);
      await page.screenshot({ path: testInfo.outputPath(`profile-${name}.png`) });
      await userMenu(page).click();
      await expect(page.getByRole('menuitem', { name: 'Abmelden' })).toBeVisible();
      await animationsSettled(page);
      await page.screenshot({ path: testInfo.outputPath(`user-menu-${name}.png`) });
      await page.keyboard.press('Escape');

      // The content scrolls inside the layout: a tall window shows the whole profile page.
      await page.setViewportSize({ width: viewport.width, height: 2000 });
      const form = page.getByRole('region', { name: 'Passwort ändern' });
      await form.getByLabel('Bisheriges Passwort', { exact: true }).fill('falsch geraten');
      await form.getByLabel('Neues Passwort', { exact: true }).fill('passwort');
      await form.getByLabel('Neues Passwort wiederholen', { exact: true }).fill('passwort');
      await form.getByRole('button', { name: 'Passwort ändern' }).click();
      await expect(form.getByText('Das bisherige Passwort ist nicht richtig.')).toBeVisible();
      await animationsSettled(page);
      await page.screenshot({ path: testInfo.outputPath(`profile-${name}-full.png`) });
      await sessionsSection(page).getByRole('button', { name: 'Sitzung beenden' }).first().click();
      await expect(page.getByRole('alertdialog')).toBeVisible();
      await animationsSettled(page);
      await page.screenshot({ path: testInfo.outputPath(`dialog-${name}.png`) });
      await context.close();
    }
    await elsewhere.close();
  });
});
