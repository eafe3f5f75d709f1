import { Page, expect, test } from '@playwright/test';
import { createAccount, signIn } from '../support/accounts';
import { animationsSettled, expectNoSeriousA11yViolations } from '../support/axe';
import { waitForMailLink } from '../support/mail';
import { secondFactorCard, setUpSecondFactor } from '../support/second-factor';

/** Everything the app keeps in web storage, as one string. */
function webStorage(page: Page): Promise<string> {
  return page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
}

const userMenu = (page: Page) => page.getByRole('button', { name: /Benutzermenü/ });
const people = (page: Page) => page.getByRole('table');
const SECOND_FACTOR_HINT = 'Bitte richten Sie die Zwei-Faktor-Anmeldung ein';

async function signOut(page: Page): Promise<void> {
  await userMenu(page).click();
  await page.getByRole('menuitem', { name: 'Abmelden' }).click();
  await expect(page).toHaveURL(/\/anmelden$/);
  await expect(page.getByRole('status')).toContainText('Sie haben sich abgemeldet.');
}

async function invite(page: Page, name: string, email: string, role: string): Promise<void> {
  await page.getByRole('button', { name: 'Person einladen' }).click();
  const dialog = page.getByRole('dialog', { name: 'Person einladen' });
  await expect(dialog).toBeVisible();
  // The dialog puts the cursor into the first field once it is open.
  await expect(dialog.getByLabel('Name')).toBeFocused();
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByLabel('E-Mail-Adresse').fill(email);
  await dialog.getByLabel('Rolle').selectOption({ label: role });
  await expectNoSeriousA11yViolations(page);
  await dialog.getByRole('button', { name: 'Einladung senden' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByText(`Die Einladung an ${name} wurde verschickt.`)).toBeVisible();
}

test.describe('invitation journey', () => {
  test('admin sets up the second factor and invites a coordinator, who accepts, sets up TOTP and signs in with a code', async ({
    page,
  }) => {
    test.setTimeout(180_000);
    const admin = createAccount('Anna Verwaltung', 'Der Brocken im Nebel am Morgen', 'anna');
    const coordinator = {
      name: 'Konrad Koordination',
      email: `konrad.${Date.now().toString(36)}@e2e.example.org`,
      password: 'Mit dem Fahrrad durch die Altmark',
    };

    // The admin signs in; without a second factor the overview says what is missing.
    await signIn(page, admin.email, admin.password);
    await expect(page.getByText(SECOND_FACTOR_HINT)).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    // /verwaltung refuses the list until the second factor is set up, and says where to do it.
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Verwaltung' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Verwaltung' })).toBeVisible();
    await expect(page.getByText('Für diese Aktion richten Sie bitte zuerst die Zwei-Faktor-Anmeldung')).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    await page.getByRole('link', { name: 'Zwei-Faktor-Anmeldung im Profil einrichten' }).first().click();
    await expect(page).toHaveURL(/\/profil$/);
    await expect(secondFactorCard(page)).toContainText('Microsoft Authenticator');
    await expectNoSeriousA11yViolations(page);
    await setUpSecondFactor(page, {
      whileScanning: () => expectNoSeriousA11yViolations(page),
      withCodes: async (codes) => {
        await expectNoSeriousA11yViolations(page);
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          secondFactorCard(page).getByRole('button', { name: 'Codes herunterladen' }).click(),
        ]);
        expect(download.suggestedFilename()).toBe('smartregion-wiederherstellungscodes.txt');
        const path = await download.path();
        const { readFile } = await import('node:fs/promises');
        const text = await readFile(path, 'utf8');
        for (const code of codes) {
          expect(text).toContain(code);
        }
      },
    });
    await expect(page.getByText(SECOND_FACTOR_HINT)).toHaveCount(0);

    // Invite the coordinator.
    await page.goto('/verwaltung');
    await expect(people(page).getByRole('row').filter({ hasText: admin.email })).toContainText('Administration');
    await expectNoSeriousA11yViolations(page);
    await invite(page, coordinator.name, coordinator.email, 'Koordination');
    const invited = people(page).getByRole('row').filter({ hasText: coordinator.email });
    await expect(invited).toContainText('Koordination');
    await expect(invited).toContainText('Eingeladen');
    await expectNoSeriousA11yViolations(page);

    // The log names the steps in German.
    await page.getByRole('tab', { name: 'Protokoll' }).click();
    const log = page.getByRole('table');
    await expect(log.getByRole('cell', { name: 'Einladung', exact: true }).first()).toBeVisible();
    await expect(log.getByRole('cell', { name: 'Zwei-Faktor-Anmeldung eingerichtet' }).first()).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await signOut(page);

    // The invitation e-mail.
    const link = await waitForMailLink(coordinator.email, '/einladung/');
    const path = new URL(link).pathname;

    // The coordinator accepts: password twice, privacy notice.
    await page.goto(path);
    await expect(page).toHaveTitle('Einladung annehmen – SmartRegion Portal');
    await expect(page.getByRole('heading', { level: 1, name: 'Einladung annehmen' })).toBeVisible();
    await expect(page.getByText(coordinator.name)).toBeVisible();
    await expect(page.getByText(coordinator.email)).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.getByLabel('Passwort', { exact: true }).fill(coordinator.password);
    await page.getByLabel('Passwort wiederholen').fill(coordinator.password);
    await page.getByRole('button', { name: 'Zugang einrichten' }).click();
    await expect(page.getByText('Bitte bestätigen Sie, dass Sie die Datenschutzhinweise gelesen haben.')).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.getByRole('checkbox', { name: /Ich habe die Datenschutzhinweise gelesen/ }).check();
    await page.getByRole('button', { name: 'Zugang einrichten' }).click();
    await expect(page.getByRole('status')).toContainText('Ihr Zugang ist eingerichtet.');
    await expectNoSeriousA11yViolations(page);

    // The link works only once.
    await page.getByRole('link', { name: 'Zur Anmeldung' }).click();
    await expect(page).toHaveURL(/\/anmelden\?email=/);
    await expect(page.getByLabel('E-Mail-Adresse')).toHaveValue(coordinator.email);
    await page.goto(path);
    await expect(page.getByText('Dieser Link ist ungültig, abgelaufen oder wurde bereits verwendet.')).toBeVisible();
    await expect(page.getByText('bitten Sie um eine neue Einladung')).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    // First sign-in, then the second factor.
    await signIn(page, coordinator.email, coordinator.password);
    await expect(userMenu(page)).toContainText(coordinator.name);
    await expect(page.getByText(SECOND_FACTOR_HINT)).toBeVisible();
    await page.goto('/profil');
    await expect(page.getByRole('region', { name: 'Ihre Angaben' })).toContainText('Koordination');
    const authenticator = await setUpSecondFactor(page);
    await expectNoSeriousA11yViolations(page);
    await signOut(page);

    // Signing in now takes password and code (the next time step: a code works only once).
    await page.getByLabel('E-Mail-Adresse').fill(coordinator.email);
    await page.getByLabel('Passwort', { exact: true }).fill(coordinator.password);
    await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
    await expect(page.getByLabel('Bestätigungscode')).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.getByLabel('Bestätigungscode').fill(authenticator.code(30_000));
    await page.getByRole('button', { name: 'Bestätigen' }).click();
    await expect(userMenu(page)).toContainText(coordinator.name);
    await expect(page.getByText(SECOND_FACTOR_HINT)).toHaveCount(0);

    // The sessions on the profile.
    await userMenu(page).click();
    await page.getByRole('menuitem', { name: 'Mein Profil' }).click();
    const sessions = page.getByRole('region', { name: 'Meine Sitzungen' });
    await expect(sessions.getByRole('listitem').filter({ hasText: 'Diese Sitzung' })).toHaveCount(1);
    await expect(secondFactorCard(page)).toContainText('Eingerichtet.');
    await expectNoSeriousA11yViolations(page);

    // Nothing secret in web storage.
    const storage = await webStorage(page);
    expect(storage).not.toContain(coordinator.password);
    expect(storage.toLowerCase()).not.toMatch(/session|token|passwor|secret/);

    await signOut(page);
    await expectNoSeriousA11yViolations(page);
    await page.goto('/verwaltung');
    await expect(page).toHaveURL(/\/anmelden\?ziel=%2Fverwaltung$/);
  });

  test('forgot password: the same answer always, the reset link sets a new password once', async ({ page }) => {
    const account = createAccount('Rita Reset', 'Ein Regenschirm im Sommer', 'rita');
    const newPassword = 'Ein Sonnenhut im Winter und Schnee';

    await page.goto('/anmelden');
    await page.getByRole('link', { name: 'Passwort vergessen?' }).click();
    await expect(page).toHaveURL(/\/passwort-vergessen$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Passwort vergessen' })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.getByLabel('E-Mail-Adresse').fill(account.email);
    await page.getByRole('button', { name: 'Link anfordern' }).click();
    await expect(page.getByRole('status')).toContainText('Wenn zu dieser E-Mail-Adresse ein Zugang besteht');
    await expectNoSeriousA11yViolations(page);

    const link = await waitForMailLink(account.email, '/passwort-zuruecksetzen/');
    const path = new URL(link).pathname;
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1, name: 'Neues Passwort festlegen' })).toBeVisible();
    await expect(page.getByText('Ihre Zwei-Faktor-Anmeldung bleibt eingerichtet')).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.getByLabel('Neues Passwort', { exact: true }).fill(newPassword);
    await page.getByLabel('Neues Passwort wiederholen').fill(newPassword);
    await page.getByRole('button', { name: 'Passwort speichern' }).click();
    await expect(page.getByRole('status')).toContainText('Ihr Passwort wurde geändert.');
    await expectNoSeriousA11yViolations(page);

    await page.goto(path);
    await expect(page.getByText('Dieser Link ist ungültig, abgelaufen oder wurde bereits verwendet.')).toBeVisible();
    await page.goto('/einladung/gibt-es-nicht');
    await expect(page.getByText('Dieser Link ist ungültig, abgelaufen oder wurde bereits verwendet.')).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    await signIn(page, account.email, newPassword);
    await expect(userMenu(page)).toContainText('Rita Reset');
  });

  test('screenshots of the second-factor setup, the invitation page and the administration', async ({
    browser,
  }, testInfo) => {
    test.setTimeout(180_000);
    const admin = createAccount('Dr. Henriette Mustermann-Schulze', 'Sonnenuntergang über der Elbe', 'bilder');
    const colleague = createAccount('Paul Pause', 'Ein langer Abend am Süßen See', 'paul');
    for (const [name, viewport] of [
      ['desktop', { width: 1280, height: 900 }],
      ['mobile', { width: 390, height: 844 }],
    ] as const) {
      const context = await browser.newContext({ viewport });
      const page = await context.newPage();
      const shot = async (file: string) => {
        await animationsSettled(page);
        await page.screenshot({ path: testInfo.outputPath(`${file}-${name}.png`), fullPage: true });
      };
      if (name === 'desktop') {
        await signIn(page, admin.email, admin.password);
        await page.goto('/');
        await shot('overview-hint');
        await page.goto('/profil');
        await setUpSecondFactor(page, {
          whileScanning: async () => {
            await secondFactorCard(page).scrollIntoViewIfNeeded();
            await shot('second-factor-setup');
          },
          withCodes: () => shot('recovery-codes'),
        });
        await page.goto('/verwaltung');
        await expect(people(page)).toBeVisible();
        const invitee = `gast.${Date.now().toString(36)}@e2e.example.org`;
        await invite(page, 'Gustav Gast', invitee, 'Mitglied');
        const row = people(page).getByRole('row').filter({ hasText: invitee });
        await expect(row).toBeVisible();
        // Row actions: an invitation can only get another role; an active account can be deactivated.
        await row.getByRole('button', { name: 'Aktionen' }).click();
        await expect(page.getByRole('menuitem', { name: 'Rolle ändern' })).toBeVisible();
        await expect(page.getByRole('menuitem', { name: 'Deaktivieren' })).toHaveCount(0);
        await page.keyboard.press('Escape');
        const active = people(page).getByRole('row').filter({ hasText: colleague.email });
        await active.getByRole('button', { name: 'Aktionen' }).click();
        await expect(page.getByRole('menuitem', { name: 'Deaktivieren' })).toBeVisible();
        await expectNoSeriousA11yViolations(page);
        await shot('row-actions');
        await page.getByRole('menuitem', { name: 'Deaktivieren' }).click();
        const confirm = page.getByRole('alertdialog', { name: 'Zugang deaktivieren?' });
        await expect(confirm).toContainText('Paul Pause kann sich danach nicht mehr anmelden');
        await confirm.getByRole('button', { name: 'Deaktivieren' }).click();
        await expect(active).toContainText('Deaktiviert');
        await expect(page.getByRole('status').filter({ hasText: 'wurde deaktiviert' })).toBeVisible();
        await context.storageState({ path: testInfo.outputPath('admin-state.json') });
        await shot('administration');
        await page.getByRole('tab', { name: 'Protokoll' }).click();
        await expect(page.getByRole('table')).toBeVisible();
        await shot('audit-log');
        await page.getByRole('tab', { name: 'Personen' }).click();
        await page.getByRole('button', { name: 'Person einladen' }).click();
        await expect(page.getByRole('dialog')).toBeVisible();
        await shot('invite-dialog');
        await context.close();
        const link = await waitForMailLink(invitee, '/einladung/');
        await testInfo.attach('invitation-link', { body: link });
        continue;
      }
      // Mobile: the setup card for a second person (without finishing), then the admin's session again.
      const other = createAccount('Maximilian Mobil', 'Auf dem Handy im Zug nach Halle', 'mobil');
      await signIn(page, other.email, other.password);
      await page.goto('/profil');
      await secondFactorCard(page).getByRole('button', { name: 'Einrichten' }).click();
      await expect(secondFactorCard(page).getByRole('img', { name: /QR-Code/ })).toBeVisible();
      await secondFactorCard(page).scrollIntoViewIfNeeded();
      await shot('second-factor-setup');
      await context.close();
      const mobile = await browser.newContext({ viewport, storageState: testInfo.outputPath('admin-state.json') });
      const mobilePage = await mobile.newPage();
      await mobilePage.goto('/verwaltung');
      await expect(mobilePage.getByRole('table')).toBeVisible();
      await expectNoSeriousA11yViolations(mobilePage);
      await animationsSettled(mobilePage);
      await mobilePage.screenshot({ path: testInfo.outputPath(`administration-${name}.png`), fullPage: true });
      await mobile.close();
    }
    // The accept-invitation page on both sizes, signed out.
    const link = testInfo.attachments.find((a) => a.name === 'invitation-link')?.body?.toString() ?? '';
    for (const [name, viewport] of [
      ['desktop', { width: 1280, height: 900 }],
      ['mobile', { width: 390, height: 844 }],
    ] as const) {
      const context = await browser.newContext({ viewport });
      const page = await context.newPage();
      await page.goto(new URL(link).pathname);
      await expect(page.getByRole('heading', { level: 1, name: 'Einladung annehmen' })).toBeVisible();
      await page.getByRole('button', { name: 'Zugang einrichten' }).click();
      await animationsSettled(page);
      await page.screenshot({ path: testInfo.outputPath(`invitation-${name}.png`), fullPage: true });
      await page.goto('/einladung/ungueltig');
      await expect(page.getByText('Dieser Link ist ungültig')).toBeVisible();
      await animationsSettled(page);
      await page.screenshot({ path: testInfo.outputPath(`invitation-invalid-${name}.png`), fullPage: true });
      await context.close();
    }
  });
});
