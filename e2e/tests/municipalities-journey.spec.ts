import { Browser, BrowserContext, Page, expect, test } from '@playwright/test';
import { createPerson, makeLead, setMembership, signIn, TestAccount } from '../support/accounts';
import { expectNoSeriousA11yViolations } from '../support/axe';
import { waitForMail, waitForMailLink } from '../support/mail';
import { setUpSecondFactor } from '../support/second-factor';

/**
 * Issue #4's journeys in one story: Halle (Saale) joins the initiative, its contact brings a
 * colleague into UAG 3, the colleague asks to join UAG 1 and its lead approves, and the map and
 * the coverage matrix show it. Each person has their own browser context.
 */
test.describe.serial('a municipality joins the initiative', () => {
  const PASSWORD = 'Am Saaleufer blühen die Linden';
  let contact: TestAccount;
  let coordinator: TestAccount;
  let lead: TestAccount;
  const colleague = {
    name: 'Clara Kollegin',
    email: `clara.${Date.now().toString(36)}@e2e.example.org`,
    password: 'Die Moritzburg im Abendlicht',
  };
  let halleUrl = '';

  const contexts: BrowserContext[] = [];

  async function pageFor(browser: Browser, person: { email: string; password: string }): Promise<Page> {
    const context = await browser.newContext();
    contexts.push(context);
    const page = await context.newPage();
    await signIn(page, person.email, person.password);
    return page;
  }

  async function openMunicipality(page: Page, search: string, name: string): Promise<void> {
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Kommunen' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Kommunen' })).toBeVisible();
    await page.getByLabel('Name oder AGS').fill(search);
    await page.getByRole('link', { name, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  }

  // Each journey's people sign out by closing their browsers: two cores run the whole portal too.
  test.afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });

  test.beforeAll(async () => {
    contact = await createPerson('Karl Kontakt', PASSWORD, { role: 'member', ags: '15002000', isContact: true });
    coordinator = await createPerson('Korinna Koordination', PASSWORD, { role: 'coordinator' });
    await setMembership('15003000', 'active');
    lead = await createPerson('Lena Leitung', PASSWORD, { role: 'member', ags: '15003000' });
    await makeLead(lead.email, 1);
  });

  test('(1) a contact requests membership, a coordinator approves it, the contact gets the e-mail', async ({
    browser,
  }) => {
    test.setTimeout(180_000);
    const page = await pageFor(browser, contact);
    // The start page tells the contact what is waiting for them.
    const participation = page.getByRole('region', { name: 'Ihre Mitarbeit' });
    await expect(participation).toContainText('Halle (Saale)');
    await expect(participation).toContainText('Sie arbeiten noch in keiner Arbeitsgruppe mit.');
    await expect(participation.getByRole('link', { name: 'Mitgliedschaft anfragen' })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await openMunicipality(page, 'halle', 'Halle (Saale)');
    halleUrl = new URL(page.url()).pathname;
    const membership = page.getByRole('region', { name: 'Mitgliedschaft' });
    await expect(membership).toContainText('Kein Mitglied');
    await expectNoSeriousA11yViolations(page);

    await membership.getByRole('button', { name: 'Mitgliedschaft anfragen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Mitgliedschaft anfragen' });
    await expect(dialog).toBeVisible();
    // Keyboard only: the reason field has the focus, Tab reaches the send button.
    await expect(dialog.getByLabel('Warum möchte Ihre Kommune mitmachen?')).toBeFocused();
    await page.keyboard.type('Wir möchten beim Digitalen Zwilling und bei den Bürger-Apps mitarbeiten.');
    await expectNoSeriousA11yViolations(page);
    const send = dialog.getByRole('button', { name: 'Anfrage senden' });
    for (let i = 0; i < 5 && !(await send.evaluate((b) => b === document.activeElement)); i++) {
      await page.keyboard.press('Tab');
    }
    await expect(send).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(dialog).toHaveCount(0, { timeout: 15_000 });
    await expect(membership).toContainText('Angefragt');
    await expect(membership).toContainText('Die Anfrage liegt der Koordination vor.');
    await expectNoSeriousA11yViolations(page);

    const coordination = await pageFor(browser, coordinator);
    await setUpSecondFactor(coordination);
    await coordination.goto(halleUrl);
    const request = coordination.getByRole('region', { name: /Offene Anfrage/ });
    await expect(request).toContainText('Wir möchten beim Digitalen Zwilling');
    await expectNoSeriousA11yViolations(coordination);
    await request.getByRole('button', { name: 'Anfrage annehmen' }).click();
    const decision = coordination.getByRole('dialog', { name: 'Anfrage annehmen' });
    await expect(decision.getByLabel('Nachricht (optional)')).toBeFocused();
    await decision
      .getByLabel('Nachricht (optional)')
      .fill('Herzlich willkommen! Die nächste Monatsrunde ist am 9. Dezember.');
    await expectNoSeriousA11yViolations(coordination);
    await decision.getByRole('button', { name: 'Annehmen' }).click();
    await expect(decision).toHaveCount(0, { timeout: 15_000 });
    await expect(coordination.getByRole('region', { name: 'Mitgliedschaft' })).toContainText('Aktiv');
    await expectNoSeriousA11yViolations(coordination);

    const mail = await waitForMail(contact.email, 'Willkommen: Halle (Saale) ist Mitglied der Landesinitiative');
    expect(mail.text).toContain('Herzlich willkommen! Die nächste Monatsrunde ist am 9. Dezember.');
    expect(mail.text).toContain(halleUrl);

    await page.reload();
    await expect(membership).toContainText('Aktiv');
    await expect(page.getByRole('region', { name: 'Mitgliedschaft' })).toContainText(
      'Wir möchten beim Digitalen Zwilling',
    );
  });

  test('(2) the contact invites a colleague and puts them into UAG 3', async ({ browser }) => {
    test.setTimeout(180_000);
    const page = await pageFor(browser, contact);
    await page.goto(halleUrl);
    await page.getByRole('button', { name: 'Kollegin oder Kollegen einladen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Kollegin oder Kollegen einladen' });
    // The dialog puts the focus into the first field once it is open; typing before would go astray.
    await expect(dialog.getByLabel('Name')).toBeFocused();
    await dialog.getByLabel('Name').fill(colleague.name);
    await dialog.getByLabel('E-Mail-Adresse').fill(colleague.email);
    await dialog.getByLabel('Funktion (optional)').fill('Fachbereich Digitalisierung');
    await expectNoSeriousA11yViolations(page);
    await dialog.getByRole('button', { name: 'Einladung senden' }).click();
    await expect(dialog).toHaveCount(0, { timeout: 15_000 });
    const people = page.getByRole('region', { name: 'Personen' });
    await expect(people).toContainText(colleague.name);
    await expect(people).toContainText('Eingeladen');

    const invitationContext = await browser.newContext();
    contexts.push(invitationContext);
    const invitation = await invitationContext.newPage();
    await invitation.goto(new URL(await waitForMailLink(colleague.email, '/einladung/')).pathname);
    await invitation.getByLabel('Passwort', { exact: true }).fill(colleague.password);
    await invitation.getByLabel('Passwort wiederholen').fill(colleague.password);
    await invitation.getByRole('checkbox', { name: /Ich habe die Datenschutzhinweise gelesen/ }).check();
    await invitation.getByRole('button', { name: 'Zugang einrichten' }).click();
    await expect(invitation.getByRole('status')).toContainText('Ihr Zugang ist eingerichtet.');

    await page.reload();
    await expect(people.getByRole('listitem').filter({ hasText: colleague.name })).not.toContainText('Eingeladen');
    await page
      .getByRole('region', { name: 'Arbeitsgruppen' })
      .getByRole('button', { name: 'In Arbeitsgruppe eintragen' })
      .click();
    const assign = page.getByRole('dialog', { name: 'In Arbeitsgruppe eintragen' });
    await assign.getByLabel('Person aus Halle (Saale)').selectOption({ label: colleague.name });
    await assign.getByLabel('Arbeitsgruppe').selectOption({ label: 'UAG 3: Digitaler Zwilling' });
    await expectNoSeriousA11yViolations(page);
    await assign.getByRole('button', { name: 'Eintragen' }).click();
    await expect(assign).toHaveCount(0, { timeout: 15_000 });
    await expect(page.getByRole('region', { name: 'Arbeitsgruppen' })).toContainText(colleague.name);
    await expectNoSeriousA11yViolations(page);

    await page
      .getByRole('region', { name: 'Arbeitsgruppen' })
      .getByRole('link', { name: /Digitaler Zwilling/ })
      .click();
    await expect(page.getByRole('heading', { level: 1, name: 'Digitaler Zwilling' })).toBeVisible();
    await expect(page.getByRole('region', { name: /Mitglieder/ })).toContainText(colleague.name);
    await expectNoSeriousA11yViolations(page);
  });

  test('(3) a member asks to join UAG 1 and a lead approves', async ({ browser }) => {
    test.setTimeout(180_000);
    const page = await pageFor(browser, colleague);
    await page
      .getByRole('navigation', { name: 'Hauptnavigation' })
      .getByRole('link', { name: 'Arbeitsgruppen' })
      .click();
    await expect(page.getByRole('heading', { level: 1, name: 'Arbeitsgruppen' })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page
      .getByRole('link', { name: /Bürger-Apps/ })
      .first()
      .click();
    await expect(page.getByRole('heading', { level: 1, name: 'Bürger-Apps' })).toBeVisible();
    await page.getByRole('button', { name: 'Mitarbeit anfragen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Mitarbeit anfragen' });
    await expect(dialog.getByLabel('Nachricht an die Gruppe (optional)')).toBeFocused();
    await dialog.getByLabel('Nachricht an die Gruppe (optional)').fill('Wir planen eine Mängelmelder-App für Halle.');
    await expectNoSeriousA11yViolations(page);
    await dialog.getByRole('button', { name: 'Anfrage senden' }).click();
    await expect(dialog).toHaveCount(0, { timeout: 15_000 });
    await expect(page.getByRole('region', { name: 'Ihre Mitarbeit' })).toContainText(
      'Ihre Anfrage zur Mitarbeit ist offen.',
    );
    const groupUrl = new URL(page.url()).pathname;

    const leadPage = await pageFor(browser, lead);
    await leadPage.goto(groupUrl);
    const request = leadPage
      .getByRole('listitem')
      .filter({ hasText: colleague.name })
      .filter({ hasText: 'Mängelmelder' });
    await expect(request).toBeVisible();
    await expectNoSeriousA11yViolations(leadPage);
    await request.getByRole('button', { name: 'Annehmen' }).click();
    await expect(leadPage.getByText('Mängelmelder')).toHaveCount(0, { timeout: 15_000 });
    await expect(leadPage.getByRole('region', { name: /Mitglieder/ })).toContainText(colleague.name);
    await expectNoSeriousA11yViolations(leadPage);

    await waitForMail(colleague.email, 'Sie sind jetzt Mitglied der UAG 1');
    await page.reload();
    await expect(page.getByRole('region', { name: 'Ihre Mitarbeit' })).toContainText(
      'Sie arbeiten in dieser Gruppe mit.',
    );
  });

  test('(4) the map and the coverage matrix show the new participation', async ({ browser }, testInfo) => {
    const page = await pageFor(browser, contact);
    // Tall enough that the screenshots show whole pages (the shell scrolls its content area).
    await page.setViewportSize({ width: 1366, height: 2300 });
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Kommunen' }).click();
    const districts = page.getByRole('table', { name: 'Teilnahme nach Landkreis' });
    await expect(districts.getByRole('row', { name: /^Halle \(Saale\)/ })).toContainText('1');
    await expect(page.locator('svg path title').filter({ hasText: 'Halle (Saale)' })).toHaveCount(1);
    await expect(page.locator('svg path title', { hasText: /Halle \(Saale\): 1 von 1/ })).toHaveCount(1);
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: testInfo.outputPath('kommunen.png'), fullPage: true });

    await page
      .getByRole('link', { name: /Wer ist wo/ })
      .first()
      .click();
    await expect(page.getByRole('heading', { level: 1, name: 'Wer ist wo?' })).toBeVisible();
    const halle = page.getByRole('row', { name: /Halle \(Saale\)/ });
    await expect(halle).toBeVisible();
    const matrix = page.getByRole('table').first();
    const headers = await matrix.getByRole('columnheader').allInnerTexts();
    const uag1 = headers.findIndex((h) => h.includes('UAG 1'));
    const uag3 = headers.findIndex((h) => h.includes('UAG 3'));
    const cells = halle.getByRole('cell');
    const texts = await halle.locator('th, td').allInnerTexts();
    expect(texts[uag1]).toMatch(/^1/);
    expect(texts[uag3]).toMatch(/^1/);
    expect(await cells.count()).toBeGreaterThan(5);
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: testInfo.outputPath('abdeckung.png'), fullPage: true });

    await page.goto(halleUrl.replace(/\/kommunen\/.*/, '/arbeitsgruppen'));
    await page
      .getByRole('link', { name: /Digitaler Zwilling/ })
      .first()
      .click();
    await page.screenshot({ path: testInfo.outputPath('arbeitsgruppe.png'), fullPage: true });
  });
});
