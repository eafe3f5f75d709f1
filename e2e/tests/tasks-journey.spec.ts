import { Browser, Page, expect, test } from '@playwright/test';
import { createPerson, makeMember, setMembership, signIn, TestAccount } from '../support/accounts';
import { expectNoSeriousA11yViolations } from '../support/axe';

/**
 * Issue #5's journey: a member of UAG 2 creates a task for a colleague with a due date and a
 * checklist and moves another card with the keyboard only; the colleague finds the task in
 * "Meine Aufgaben", works on it, comments with an @mention and marks it done; the author sees the
 * result. Each person has their own browser context, kept open for the whole story, so that the
 * author's task page can be reloaded at the end.
 */
test.describe.serial('a working group gets its tasks done', () => {
  const PASSWORD = 'Sensoren messen den Elbpegel';
  const DESSAU = '15001000';
  const GROUP = 'Daten als Ressource / Kommunale Daten & Sensorik';
  const TASK = 'Förderantrag Sensorik vorbereiten';
  const OTHER = 'Sensorliste abstimmen';
  const CHECKLIST = ['Kostenplan erstellen', 'Standorte der Sensoren festlegen'];

  let mara: TestAccount;
  let kai: TestAccount;
  let maraPage: Page;
  let kaiPage: Page;
  let taskPath = '';

  /** Ten days from today in Europe/Berlin: ISO for the date field, German as the portal shows it. */
  const due = (() => {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date());
    const [year, month, day] = today.split('-').map(Number);
    const iso = new Date(Date.UTC(year, month - 1, day + 10)).toISOString().slice(0, 10);
    return { iso, german: iso.split('-').reverse().join('.') };
  })();

  async function pageFor(browser: Browser, person: TestAccount): Promise<Page> {
    // Tall enough that the screenshots show whole pages (the shell scrolls its content area).
    const context = await browser.newContext({ viewport: { width: 1366, height: 2300 } });
    const page = await context.newPage();
    await signIn(page, person.email, person.password);
    return page;
  }

  /** A column of the board, e.g. "Offen (2)". */
  const column = (page: Page, status: string) =>
    page.getByRole('region', { name: new RegExp(`^${status} \\(\\d+\\)$`) });
  const card = (page: Page, title: string) =>
    page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: title }) });

  /** Presses Tab until `target` has the focus (at most `limit` times): how a keyboard user gets there. */
  async function tabTo(page: Page, target: ReturnType<Page['getByRole']>, limit = 8): Promise<void> {
    for (let i = 0; i < limit && !(await target.evaluate((element) => element === document.activeElement)); i++) {
      await page.keyboard.press('Tab');
    }
    await expect(target).toBeFocused();
  }

  test.beforeAll(async () => {
    await setMembership(DESSAU, 'active');
    mara = await createPerson('Mara Mitglied', PASSWORD, { role: 'member', ags: DESSAU });
    kai = await createPerson('Kai Kollege', PASSWORD, { role: 'member', ags: DESSAU });
    await makeMember(mara.email, 2);
    await makeMember(kai.email, 2);
  });

  test.afterAll(async () => {
    await Promise.all([maraPage, kaiPage].filter(Boolean).map((page) => page.context().close()));
  });

  test('(1) a member creates a task for a colleague with a due date and a checklist', async ({ browser }, testInfo) => {
    test.setTimeout(180_000);
    maraPage = await pageFor(browser, mara);
    const page = maraPage;
    await page
      .getByRole('navigation', { name: 'Hauptnavigation' })
      .getByRole('link', { name: 'Arbeitsgruppen' })
      .click();
    await expect(page.getByRole('heading', { level: 1, name: 'Arbeitsgruppen' })).toBeVisible();
    await page.getByRole('link', { name: GROUP }).first().click();
    await expect(page.getByRole('heading', { level: 1, name: GROUP })).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    await page.getByRole('link', { name: 'Aufgaben ansehen' }).click();
    await expect(page.getByRole('heading', { level: 1, name: `Aufgaben – ${GROUP}` })).toBeVisible();
    await expect(page.getByText('Noch keine Aufgaben.')).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    await page.getByRole('button', { name: 'Neue Aufgabe' }).click();
    const dialog = page.getByRole('dialog', { name: 'Neue Aufgabe' });
    // The dialog puts the focus into the title once it is open; typing before would go astray.
    await expect(dialog.getByRole('textbox', { name: 'Titel' })).toBeFocused();
    await page.keyboard.type(TASK);
    await dialog
      .getByRole('textbox', { name: 'Beschreibung', exact: true })
      .fill('Für den **Förderaufruf Digitale Kommune** brauchen wir Kostenplan und Standorte der Pegelsensoren.');
    await dialog.getByLabel('Fällig am').fill(due.iso);
    await dialog
      .getByRole('group', { name: 'Zuständig' })
      .getByRole('checkbox', { name: /Kai Kollege/ })
      .check();
    const newItem = dialog.getByRole('textbox', { name: 'Neuer Punkt' });
    for (const [index, item] of CHECKLIST.entries()) {
      await newItem.fill(item);
      await newItem.press('Enter');
      await expect(dialog.getByRole('textbox', { name: `Punkt ${index + 1}` })).toHaveValue(item);
    }
    await expect(newItem).toBeFocused();
    await expectNoSeriousA11yViolations(page);
    await dialog.getByRole('button', { name: 'Aufgabe anlegen' }).click();
    await expect(dialog).toHaveCount(0, { timeout: 15_000 });

    const created = card(page, TASK);
    await expect(column(page, 'Offen').getByRole('listitem').filter({ hasText: TASK })).toBeVisible();
    await expect(column(page, 'Offen')).toHaveAccessibleName('Offen (1)');
    await expect(created).toContainText(`Fällig: ${due.german}`);
    await expect(created).toContainText('Zuständig: Kai Kollege');
    await expect(created).toContainText('Checkliste: 0 von 2 erledigt');
    await expect(
      page
        .getByRole('status')
        .filter({ hasText: `„${TASK}“ wurde angelegt.` })
        .first(),
    ).toBeAttached();
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: testInfo.outputPath('board.png'), fullPage: true });
  });

  test('(2) another card moves to "In Arbeit" with the keyboard only; the list shows both', async () => {
    test.setTimeout(180_000);
    const page = maraPage;
    await page.getByRole('button', { name: 'Neue Aufgabe' }).click();
    const dialog = page.getByRole('dialog', { name: 'Neue Aufgabe' });
    await expect(dialog.getByRole('textbox', { name: 'Titel' })).toBeFocused();
    await page.keyboard.type(OTHER);
    await dialog.getByRole('button', { name: 'Aufgabe anlegen' }).click();
    await expect(dialog).toHaveCount(0, { timeout: 15_000 });
    await expect(column(page, 'Offen')).toHaveAccessibleName('Offen (2)');
    await expect(column(page, 'In Arbeit')).toHaveAccessibleName('In Arbeit (0)');

    // From here on only the keyboard: from the card's title link, Tab reaches its "Verschieben".
    const moveButton = page.getByRole('button', { name: `Verschieben: ${OTHER}` });
    await card(page, OTHER).getByRole('link', { name: OTHER }).focus();
    await tabTo(page, moveButton);
    await page.keyboard.press('Enter');
    const menu = page.getByRole('menu');
    await expect(menu).toBeVisible();
    const target = menu.getByRole('menuitem', { name: 'Nach „In Arbeit“ verschieben' });
    for (let i = 0; i < 6 && !(await target.evaluate((element) => element === document.activeElement)); i++) {
      await page.keyboard.press('ArrowDown');
    }
    await expect(target).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(menu).toHaveCount(0);

    await expect(column(page, 'In Arbeit')).toHaveAccessibleName('In Arbeit (1)');
    await expect(column(page, 'In Arbeit').getByRole('heading', { name: OTHER })).toBeVisible();
    await expect(column(page, 'Offen')).toHaveAccessibleName('Offen (1)');
    await expect(column(page, 'Offen').getByRole('heading', { name: OTHER })).toHaveCount(0);
    await expect(page.locator('[role="status"][aria-live="polite"]').filter({ hasText: 'ist jetzt in' })).toHaveText(
      `„${OTHER}“ ist jetzt in „In Arbeit“.`,
    );
    // The keyboard user keeps their place: the focus is back on the moved card's button.
    await expect(column(page, 'In Arbeit').getByRole('button', { name: `Verschieben: ${OTHER}` })).toBeFocused();
    await expectNoSeriousA11yViolations(page);

    // The reload shows the move was saved, not only drawn.
    await page.reload();
    await expect(column(page, 'In Arbeit').getByRole('heading', { name: OTHER })).toBeVisible();

    await page.getByRole('navigation', { name: 'Ansicht' }).getByRole('link', { name: 'Liste' }).click();
    const table = page.getByRole('table');
    await expect(table.getByRole('row')).toHaveCount(3);
    const row = table.getByRole('row').filter({ has: page.getByRole('link', { name: TASK }) });
    await expect(row).toContainText('Offen');
    await expect(row).toContainText('Kai Kollege');
    await expect(row).toContainText(`Fällig: ${due.german}`);
    await expect(table.getByRole('row').filter({ has: page.getByRole('link', { name: OTHER }) })).toContainText(
      'In Arbeit',
    );
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: test.info().outputPath('liste.png'), fullPage: true });

    // The author opens the task and leaves the page open while the colleague works on it.
    await row.getByRole('link', { name: TASK }).click();
    await expect(page.getByRole('heading', { level: 1, name: TASK })).toBeVisible();
    await expect(page).toHaveURL(/\/aufgaben\/[0-9a-f-]{36}$/);
    taskPath = new URL(page.url()).pathname;
    await expect(
      page.getByRole('group', { name: 'Status', exact: true }).getByRole('button', { name: 'Offen' }),
    ).toHaveAttribute('aria-pressed', 'true');
    await expectNoSeriousA11yViolations(page);
  });

  test('(3) the colleague finds the task, works through it, mentions the author and marks it done', async ({
    browser,
  }, testInfo) => {
    test.setTimeout(240_000);
    kaiPage = await pageFor(browser, kai);
    const page = kaiPage;
    const counts = page.getByRole('region', { name: 'Ihre Aufgaben', exact: true });
    await expect(counts.getByRole('link', { name: 'Meine offenen Aufgaben: 1' })).toBeVisible();
    await expect(counts).toContainText('davon überfällig: 0');
    await expectNoSeriousA11yViolations(page);

    await counts.getByRole('link', { name: 'Meine offenen Aufgaben: 1' }).click();
    await expect(page).toHaveURL(/\/aufgaben$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Meine Aufgaben' })).toBeVisible();
    // Ten days ahead is always beyond this week (Monday to Sunday): "Später".
    const later = page.getByRole('region', { name: 'Später (1 Aufgabe)' });
    await expect(later.getByRole('link', { name: TASK })).toBeVisible();
    await expect(later).toContainText(`Fällig: ${due.german}`);
    await expect(page.getByRole('region', { name: /^(Überfällig|Heute|Diese Woche|Ohne Fälligkeit)/ })).toHaveCount(0);
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: testInfo.outputPath('meine-aufgaben.png'), fullPage: true });

    await later.getByRole('link', { name: TASK }).click();
    await expect(page.getByRole('heading', { level: 1, name: TASK })).toBeVisible();
    expect(new URL(page.url()).pathname).toBe(taskPath);
    await expect(page.getByRole('region', { name: 'Beschreibung', exact: true })).toContainText(
      'Förderaufruf Digitale Kommune',
    );
    await expectNoSeriousA11yViolations(page);

    const status = page.getByRole('group', { name: 'Status', exact: true });
    await status.getByRole('button', { name: 'In Arbeit' }).click();
    await expect(status.getByRole('button', { name: 'In Arbeit' })).toHaveAttribute('aria-pressed', 'true');

    // The checklist with the keyboard: Space ticks the focused box; each tick is saved before the next.
    const checklist = page.getByRole('region', { name: 'Checkliste', exact: true });
    for (const [index, item] of CHECKLIST.entries()) {
      const box = checklist.getByRole('checkbox', { name: item });
      await box.focus();
      await page.keyboard.press('Space');
      await expect(checklist).toContainText(`${index + 1} von ${CHECKLIST.length} erledigt`);
      await expect(box).toBeChecked();
    }

    const comments = page.getByRole('region', { name: /^Kommentare/ });
    const field = comments.getByRole('textbox', { name: 'Ihr Kommentar' });
    await field.focus();
    await page.keyboard.type('Kostenplan und Standorte sind fertig. ');
    await page.keyboard.type('@Mar');
    const suggestions = comments.getByRole('listbox', { name: 'Person erwähnen' });
    await expect(suggestions.getByRole('option')).toHaveText([/Mara Mitglied/]);
    await expect(field).toHaveAttribute('aria-activedescendant', /.+/);
    await expectNoSeriousA11yViolations(page);
    await page.keyboard.press('ArrowDown');
    await expect(suggestions.getByRole('option', { name: /Mara Mitglied/ })).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Enter');
    await expect(suggestions).toHaveCount(0);
    await page.keyboard.type('bitte prüfen Sie den Antrag vor dem Versand.');
    await expect(field).toHaveValue(
      'Kostenplan und Standorte sind fertig. @Mara Mitglied bitte prüfen Sie den Antrag vor dem Versand.',
    );
    await tabTo(page, comments.getByRole('button', { name: 'Kommentar senden' }));
    await page.keyboard.press('Enter');
    const comment = comments.getByRole('listitem').filter({ hasText: 'Kostenplan und Standorte sind fertig.' });
    await expect(comment).toContainText('Kai Kollege');
    await expect(comment.locator('mark.mention')).toHaveText('@Mara Mitglied');
    await expect(comments).toHaveAccessibleName('Kommentare (1)');
    await expect(field).toHaveValue('');

    await status.getByRole('button', { name: 'Erledigt' }).click();
    await expect(status.getByRole('button', { name: 'Erledigt' })).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByRole('region', { name: 'Status', exact: true })).toContainText('Erledigt am');

    const history = page.getByRole('region', { name: 'Verlauf', exact: true });
    await expect(history).toContainText('Kai Kollege hat den Status von „Offen“ auf „In Arbeit“ geändert.');
    await expect(history).toContainText('Kai Kollege hat den Status von „In Arbeit“ auf „Erledigt“ geändert.');
    await expect(history).toContainText('Kai Kollege hat einen Kommentar geschrieben.');
    await expect(history).toContainText(`Kai Kollege hat in der Checkliste „${CHECKLIST[0]}“ abgehakt.`);
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: testInfo.outputPath('aufgabe-erledigt.png'), fullPage: true });
  });

  test('(4) the author sees the result; the task has left the colleague\'s "Meine Aufgaben"', async () => {
    test.setTimeout(120_000);
    await maraPage.reload();
    await expect(maraPage.getByRole('heading', { level: 1, name: TASK })).toBeVisible();
    await expect(
      maraPage.getByRole('group', { name: 'Status', exact: true }).getByRole('button', { name: 'Erledigt' }),
    ).toHaveAttribute('aria-pressed', 'true');
    const comment = maraPage
      .getByRole('region', { name: /^Kommentare/ })
      .getByRole('listitem')
      .filter({ hasText: 'Kai Kollege' });
    await expect(comment).toContainText('@Mara Mitglied bitte prüfen Sie den Antrag vor dem Versand.');
    await expect(maraPage.getByRole('region', { name: 'Checkliste', exact: true })).toContainText('2 von 2 erledigt');
    await expectNoSeriousA11yViolations(maraPage);
    await maraPage.screenshot({ path: test.info().outputPath('aufgabe-autorin.png'), fullPage: true });

    await kaiPage
      .getByRole('navigation', { name: 'Hauptnavigation' })
      .getByRole('link', { name: 'Aufgaben', exact: true })
      .click();
    await expect(kaiPage.getByRole('heading', { level: 1, name: 'Meine Aufgaben' })).toBeVisible();
    await expect(kaiPage.getByText('Ihnen sind zurzeit keine offenen Aufgaben zugewiesen.')).toBeVisible();
    await expect(kaiPage.getByRole('link', { name: TASK })).toHaveCount(0);
    await expectNoSeriousA11yViolations(kaiPage);
  });
});
