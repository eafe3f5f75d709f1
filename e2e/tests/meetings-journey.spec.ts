import { readFile } from 'node:fs/promises';
import { Browser, Locator, Page, expect, test } from '@playwright/test';
import { createPerson, makeMember, setMembership, signIn, TestAccount } from '../support/accounts';
import { expectNoSeriousA11yViolations } from '../support/axe';
import { berlinDaysFromToday, germanMonthTitle, moveMeetingIntoPast, secondWednesday } from '../support/meetings';
import { setUpSecondFactor } from '../support/second-factor';

/**
 * Issue #6's journey, the "Monatsrunde": a coordinator plans the monthly series for the whole
 * initiative; a member of UAG 5 answers and proposes a topic; the coordinator takes it onto the
 * agenda, records attendance, writes the minutes with a decision and two action items and sends
 * them to review; the member approves; on release the action items become tasks in their groups,
 * the next meeting lists them as open points, and the minutes download as PDF. Each person has
 * their own browser context, kept open for the whole story.
 */
test.describe.serial('the Monatsrunde: plan, meet, record, decide, follow up', () => {
  const PASSWORD = 'Die Altmark misst den Wind';
  const STENDAL = '15090535';
  const WERNIGERODE = '15085370';
  const TITLE = 'Monatsrunde';
  const WELCOME = 'Begrüßung';
  const PROPOSAL = 'Sensorik im ländlichen Raum';
  const JOIN_URL = 'https://konferenz.example.org/monatsrunde';
  const DECISION = 'Die UAG 5 erstellt einen Förderantrag für Sensorik.';
  const SENSOR_TASK = 'Förderantrag Sensorik entwerfen und in der UAG 5 abstimmen';
  const NOTICE_TASK = 'Muster-Bekanntmachung für Sensorstandorte vorbereiten';
  // UAG 5, not UAG 2: the tasks journey expects UAG 2's board to start empty.
  const SENSOR_GROUP = 'Stadtentwicklungskonzepte im digitalen Wandel';
  const NOTICE_GROUP = 'Digitalisierung kommunaler Bekanntmachungen';
  const sensorDue = berlinDaysFromToday(14);
  const noticeDue = berlinDaysFromToday(21);

  /** The first meeting: the second Wednesday of next month (always ahead, never today). */
  const first = secondWednesday(1);

  let coordinator: TestAccount;
  let member: TestAccount;
  let colleague: TestAccount;
  let coordinatorPage: Page;
  let memberPage: Page;
  let meetingPath = '';
  let minutesPath = '';

  async function pageFor(browser: Browser, person: TestAccount): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1366, height: 1100 } });
    const page = await context.newPage();
    await signIn(page, person.email, person.password);
    return page;
  }

  /** A screenshot of the whole content: the shell scrolls its content area, so the window grows to fit it. */
  async function screenshot(page: Page, name: string): Promise<void> {
    const height = await page.evaluate(() => {
      const main = document.querySelector('main');
      return Math.max(document.documentElement.scrollHeight, (main?.scrollHeight ?? 0) + 120);
    });
    // No focus ring of the last click in a picture of the page.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const viewport = page.viewportSize() ?? { width: 1366, height: 1100 };
    await page.setViewportSize({ width: viewport.width, height: Math.min(Math.max(height, 900), 4000) });
    await page.screenshot({ path: test.info().outputPath(name), fullPage: true });
    await page.setViewportSize(viewport);
  }

  /** Opens Termine from the main navigation and pages forward with the keyboard to `month`. */
  async function openCalendarMonth(page: Page, month: string): Promise<void> {
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Termine' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Termine' })).toBeVisible();
    // The period heading, e.g. "Dezember 2026".
    const period = page.getByRole('heading', { level: 2, name: /^\S+ \d{4}$/ });
    const next = page.getByRole('button', { name: 'Nächster Zeitraum' });
    for (let i = 0; i < 3 && (await period.innerText()) !== month; i++) {
      const before = await period.innerText();
      await next.focus();
      await page.keyboard.press('Enter');
      await expect(period).not.toHaveText(before);
    }
    await expect(period).toHaveText(month);
  }

  /**
   * Picks an option of a Material select the keyboard way: focus, Enter opens the list, the option
   * is chosen; a multiple select stays open and is closed with Escape.
   */
  async function chooseOption(page: Page, select: Locator, option: string, multiple = false): Promise<void> {
    await select.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('listbox').getByRole('option', { name: option }).click();
    if (multiple) {
      await page.keyboard.press('Escape');
    }
    await expect(page.getByRole('listbox')).toHaveCount(0);
    await expect(select).toContainText(option);
  }

  const calendarEntry = (page: Page) => page.getByRole('table').getByRole('link', { name: new RegExp(TITLE) });

  test.beforeAll(async () => {
    await setMembership(STENDAL, 'active');
    await setMembership(WERNIGERODE, 'active');
    coordinator = await createPerson('Konstanze Koordinatorin', PASSWORD, { role: 'coordinator' });
    member = await createPerson('Jana Janßen', PASSWORD, { role: 'member', ags: STENDAL });
    colleague = await createPerson('Otto Ostermann', PASSWORD, { role: 'member', ags: WERNIGERODE });
    await makeMember(member.email, 5);
    await makeMember(colleague.email, 4);
  });

  test.afterAll(async () => {
    await Promise.all([coordinatorPage, memberPage].filter(Boolean).map((page) => page.context().close()));
  });

  test('(1) the coordinator plans the series "Monatsrunde" for the whole initiative', async ({ browser }) => {
    test.setTimeout(180_000);
    coordinatorPage = await pageFor(browser, coordinator);
    const page = coordinatorPage;
    await setUpSecondFactor(page);

    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Termine' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Termine' })).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    await page.getByRole('button', { name: 'Termin planen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Termin planen' });
    await expect(dialog).toBeVisible();
    await dialog.getByLabel('Art', { exact: true }).selectOption({ label: 'Monatsrunde' });
    await dialog.getByRole('textbox', { name: 'Titel' }).fill(TITLE);
    await dialog
      .getByRole('textbox', { name: 'Beschreibung', exact: true })
      .fill('Die digitale Runde der **ganzen Initiative**: Berichte aus den UAGs, Neuigkeiten und offene Punkte.');
    await dialog.getByLabel('Datum', { exact: true }).fill(first.iso);
    await dialog.getByLabel('Beginn', { exact: true }).fill('10:00');
    await dialog.getByLabel('Ende', { exact: true }).fill('11:30');

    await dialog.getByRole('checkbox', { name: 'Als Serie wiederholen' }).check();
    await dialog.getByLabel('Rhythmus').selectOption({ label: 'monatlich am n-ten Wochentag' });
    await dialog.getByLabel('Alle … Monate').fill('1');
    await dialog.getByLabel('Am', { exact: true }).selectOption({ label: '2.' });
    await dialog.getByLabel('Wochentag').selectOption({ label: 'Mittwoch' });
    await dialog.getByRole('radio', { name: 'Endet nach' }).check();
    await dialog.getByLabel('Anzahl Termine').fill('12');
    await expect(dialog.getByText('Jeden 2. Mittwoch im Monat, 10:00–11:30 Uhr, 12 Termine')).toBeVisible();

    await dialog.getByLabel('Format').selectOption({ label: 'Online' });
    await dialog.getByLabel('Online-Link').fill(JOIN_URL);
    await dialog.getByRole('checkbox', { name: 'Alle in der Initiative einladen' }).check();
    await expect(dialog.getByRole('checkbox', { name: 'Themenvorschläge erlauben' })).toBeChecked();

    await dialog.getByRole('button', { name: 'Punkt hinzufügen' }).click();
    await dialog.getByRole('textbox', { name: 'Punkt 1' }).fill(WELCOME);
    await dialog.getByRole('spinbutton', { name: 'Minuten' }).fill('10');
    await expectNoSeriousA11yViolations(page);

    await dialog.getByRole('button', { name: 'Termin anlegen' }).click();
    await expect(dialog).toHaveCount(0, { timeout: 15_000 });

    // Saving opens the first meeting of the series.
    await expect(page).toHaveURL(/\/termine\/[0-9a-f-]{36}$/);
    meetingPath = new URL(page.url()).pathname;
    await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
    const facts = page.getByRole('complementary', { name: 'Angaben zum Termin' });
    await expect(facts).toContainText('Jeden 2. Mittwoch im Monat');
    await expect(facts.getByRole('link', { name: 'Online teilnehmen' })).toHaveAttribute('href', JOIN_URL);
    await expect(facts.getByRole('link', { name: 'Nächster Termin' })).toBeVisible();
    const agenda = page.getByRole('list', { name: 'Tagesordnung' });
    await expect(agenda.getByRole('listitem')).toHaveCount(1);
    await expect(agenda.getByRole('listitem').first()).toContainText(new RegExp(`TOP 1\\s*${WELCOME}`));
    await expectNoSeriousA11yViolations(page);

    await openCalendarMonth(page, germanMonthTitle(first.iso));
    await expect(calendarEntry(page)).toHaveCount(1);
    await expect(calendarEntry(page)).toContainText('10:00');
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'calendar-month.png');
  });

  test('(2) a member answers "Zusage" and proposes an agenda item', async ({ browser }) => {
    test.setTimeout(180_000);
    memberPage = await pageFor(browser, member);
    const page = memberPage;
    await openCalendarMonth(page, germanMonthTitle(first.iso));
    await expectNoSeriousA11yViolations(page);
    await calendarEntry(page).click();
    await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
    await expect(page).toHaveURL((url) => url.pathname === meetingPath);
    await expect(page.getByText('Sie haben noch nicht geantwortet.', { exact: true })).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    // The answer with the keyboard: the buttons are a group, Enter sends at once.
    const answers = page.getByRole('group', { name: 'Ihre Antwort' });
    const yes = answers.getByRole('button', { name: 'Zusage' });
    await yes.focus();
    await page.keyboard.press('Enter');
    await expect(yes).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByText('Sie haben zugesagt.', { exact: true })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Rückmeldungen' })).toContainText('Zusagen: 1');

    await page.getByRole('button', { name: 'Thema vorschlagen' }).click();
    const form = page.getByRole('form', { name: 'Thema vorschlagen' });
    await expect(form).toBeVisible();
    await form.getByRole('textbox', { name: 'Titel' }).fill(PROPOSAL);
    await form.getByRole('textbox', { name: 'Wer stellt es vor? (optional)' }).fill(member.name);
    await form.getByRole('spinbutton', { name: 'Minuten (optional)' }).fill('20');
    await form
      .getByRole('textbox', { name: 'Notizen (optional, Markdown)' })
      .fill('Erfahrungen aus Stendal mit **LoRaWAN-Pegelsensoren** und wie kleine Gemeinden mitmachen können.');
    await expectNoSeriousA11yViolations(page);
    await form.getByRole('button', { name: 'Vorschlag einreichen' }).click();
    await expect(form).toHaveCount(0);

    const proposals = page.getByRole('list', { name: 'Ihre Vorschläge' });
    const proposal = proposals.getByRole('listitem').filter({ hasText: PROPOSAL });
    await expect(proposal).toContainText('Wartet auf Entscheidung');
    await expect(proposal).toContainText(`Vorgeschlagen von ${member.name}`);
    await expect(page.getByText(`Ihr Vorschlag „${PROPOSAL}“ wurde eingereicht.`)).toBeAttached();
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'meeting-page.png');
  });

  test('(3) the coordinator accepts the proposal and, after the meeting, records attendance', async () => {
    test.setTimeout(180_000);
    const page = coordinatorPage;
    await page.goto(meetingPath);
    await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
    const proposal = page.getByRole('list', { name: 'Vorschläge' }).getByRole('listitem').filter({ hasText: PROPOSAL });
    await expect(proposal).toContainText(`Vorgeschlagen von ${member.name}`);
    await expectNoSeriousA11yViolations(page);
    await proposal.getByRole('button', { name: 'Annehmen' }).click();

    const agenda = page.getByRole('list', { name: 'Tagesordnung' });
    await expect(agenda.getByRole('listitem')).toHaveCount(2);
    await expect(agenda.getByRole('listitem').nth(1)).toContainText(new RegExp(`TOP 2\\s*${PROPOSAL}`));
    await expect(page.getByRole('list', { name: 'Vorschläge' })).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'Rückmeldungen' })).toContainText('Zusagen: 1');
    await expectNoSeriousA11yViolations(page);

    // The meeting has taken place: attendance is recorded on the day or after (the api refuses earlier).
    await moveMeetingIntoPast(meetingPath.split('/').pop() as string, '10:00', '11:30');
    await page.reload();
    await page.getByRole('link', { name: 'Anwesenheit erfassen' }).click();
    await expect(page.getByRole('heading', { level: 1, name: `Anwesenheit: ${TITLE}` })).toBeVisible();
    // Pre-filled from the answers: the member said yes.
    const presence = page.getByRole('radiogroup', { name: `Anwesenheit von ${member.name}` });
    await expect(presence.getByRole('radio', { name: 'Anwesend' })).toBeChecked();
    // The coordinator chaired the meeting without having answered: she marks herself present.
    await page
      .getByRole('radiogroup', { name: `Anwesenheit von ${coordinator.name}` })
      .getByRole('radio', { name: 'Anwesend' })
      .check();
    await expectNoSeriousA11yViolations(page);
    await page.getByRole('button', { name: 'Anwesenheit speichern' }).click();
    await expect(page.getByText('Die Anwesenheit wurde gespeichert.')).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Teilnehmende (2 anwesend)' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Anwesend nach Organisation' })).toContainText('Stendal');
    await expectNoSeriousA11yViolations(page);
  });

  test('(4) the coordinator writes the minutes: a decision and two action items, then sends them to review', async () => {
    test.setTimeout(180_000);
    const page = coordinatorPage;
    await page.getByRole('link', { name: 'Zum Termin' }).click();
    await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
    await page.getByRole('link', { name: 'Protokoll', exact: true }).click();
    await expect(page).toHaveURL(/\/termine\/[0-9a-f-]{36}\/protokoll$/);
    minutesPath = new URL(page.url()).pathname;
    await expect(page.getByRole('heading', { level: 1, name: `Protokoll: ${TITLE}` })).toBeVisible();
    await expect(page.getByText('Noch kein Protokoll')).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.getByRole('button', { name: 'Protokoll beginnen' }).click();
    await expect(page.getByText('Das Protokoll ist angelegt.')).toBeVisible();

    // The attendance comes from the record; the agenda's items are the sections.
    await expect(page.getByRole('region', { name: 'Anwesenheit' })).toContainText(member.name);
    await page
      .getByRole('region', { name: `TOP 1: ${WELCOME}` })
      .getByRole('textbox', { name: 'Notizen zu diesem Punkt' })
      .fill(`${coordinator.name} begrüßt die Runde; neu dabei ist die Hansestadt Stendal.`);
    const top2 = page.getByRole('region', { name: `TOP 2: ${PROPOSAL}` });
    await top2
      .getByRole('textbox', { name: 'Notizen zu diesem Punkt' })
      .fill(`${member.name} stellt die Pegelsensoren in Stendal vor: 14 Messpunkte, LoRaWAN, Daten offen.`);

    await top2.getByRole('button', { name: 'Beschluss', exact: true }).click();
    const decision = top2.getByRole('group', { name: 'Eintrag 1: Beschluss' });
    await decision.getByRole('textbox', { name: 'Text' }).fill(DECISION);

    await top2.getByRole('button', { name: 'Aufgabe', exact: true }).click();
    const sensor = top2.getByRole('group', { name: 'Eintrag 2: Aufgabe' });
    await sensor.getByRole('textbox', { name: 'Text' }).fill(SENSOR_TASK);
    await chooseOption(page, sensor.getByRole('combobox', { name: 'Arbeitsgruppe der Aufgabe' }), SENSOR_GROUP);
    await chooseOption(page, sensor.getByRole('combobox', { name: 'Verantwortlich' }), member.name, true);
    await sensor.getByLabel('Fällig am').fill(sensorDue.iso);

    await top2.getByRole('button', { name: 'Aufgabe', exact: true }).click();
    const notice = top2.getByRole('group', { name: 'Eintrag 3: Aufgabe' });
    await notice.getByRole('textbox', { name: 'Text' }).fill(NOTICE_TASK);
    await chooseOption(page, notice.getByRole('combobox', { name: 'Arbeitsgruppe der Aufgabe' }), NOTICE_GROUP);
    await chooseOption(page, notice.getByRole('combobox', { name: 'Verantwortlich' }), colleague.name, true);
    await notice.getByLabel('Fällig am').fill(noticeDue.iso);

    // A Monatsrunde belongs to the whole initiative, so do its minutes.
    await page
      .getByRole('radiogroup', { name: 'Sichtbarkeit nach der Freigabe' })
      .getByRole('radio', { name: 'Gesamte Initiative' })
      .check();

    await expect(page.getByText(/^Gespeichert um \d{2}:\d{2}$/)).toBeVisible({ timeout: 15_000 });
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'minutes-editor.png');

    // What was typed is what the server has: a reload shows the same draft.
    await page.reload();
    const reloaded = page.getByRole('region', { name: `TOP 2: ${PROPOSAL}` });
    await expect(reloaded.getByRole('group', { name: 'Eintrag 1: Beschluss' }).getByRole('textbox')).toHaveValue(
      DECISION,
    );
    await expect(
      reloaded.getByRole('group', { name: 'Eintrag 3: Aufgabe' }).getByRole('combobox', { name: 'Verantwortlich' }),
    ).toContainText(colleague.name);

    await page.getByRole('button', { name: 'Zur Abstimmung geben' }).click();
    const dialog = page.getByRole('dialog', { name: 'Zur Abstimmung geben' });
    await expect(dialog.getByLabel('Zustimmung bis (einschließlich)')).toHaveValue(berlinDaysFromToday(7).iso);
    await expectNoSeriousA11yViolations(page);
    await dialog.getByRole('button', { name: 'Zur Abstimmung geben' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByText(`In Abstimmung bis ${berlinDaysFromToday(7).german}`)).toBeVisible();
    await expect(page.getByRole('region', { name: 'Abstimmung' })).toContainText('0 von 2 Anwesenden haben zugestimmt');
    await expectNoSeriousA11yViolations(page);
  });

  test('(5) the member, who attended, reads the minutes and approves them', async () => {
    test.setTimeout(120_000);
    const page = memberPage;
    await page.goto(meetingPath);
    await page.getByRole('link', { name: 'Protokoll', exact: true }).click();
    await expect(page).toHaveURL((url) => url.pathname === minutesPath);
    const text = page.getByRole('article', { name: 'Protokolltext' });
    await expect(text).toContainText(DECISION);
    await expect(text).toContainText(SENSOR_TASK);
    await expect(text).toContainText(`Verantwortlich: ${member.name}`);
    await expect(text).toContainText(`Fällig: ${sensorDue.german}`);
    await expect(text).toContainText(NOTICE_TASK);
    await expectNoSeriousA11yViolations(page);

    const review = page.getByRole('region', { name: 'Abstimmung' });
    await review.getByRole('button', { name: 'Zustimmen' }).click();
    await expect(page.getByText('Vielen Dank, Ihre Zustimmung ist gespeichert.')).toBeVisible();
    await expect(review).toContainText('1 von 2 Anwesenden hat zugestimmt');
    await expect(review.getByRole('listitem')).toContainText(member.name);
    await expect(review.getByRole('button', { name: 'Zustimmen' })).toHaveCount(0);
    await expectNoSeriousA11yViolations(page);
  });

  test('(6) the coordinator releases the minutes; both action items are tasks in their groups', async () => {
    test.setTimeout(180_000);
    const page = coordinatorPage;
    await page.reload();
    const review = page.getByRole('region', { name: 'Abstimmung' });
    await expect(review).toContainText('1 von 2 Anwesenden hat zugestimmt');
    await review.getByRole('button', { name: 'Freigeben' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Protokoll freigeben?' });
    await expect(confirm).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await confirm.getByRole('button', { name: 'Freigeben' }).click();
    await expect(confirm).toHaveCount(0);
    await expect(page.getByText('Das Protokoll ist freigegeben.')).toBeVisible();
    await expect(page.getByText('Freigegeben, Fassung 1')).toBeVisible();
    const text = page.getByRole('article', { name: 'Protokolltext' });
    await expect(text.getByRole('link', { name: /^Aufgabe: / })).toHaveCount(2);
    await expectNoSeriousA11yViolations(page);

    // The member finds the UAG 5 task under "Meine Aufgaben", with its due date.
    await memberPage
      .getByRole('navigation', { name: 'Hauptnavigation' })
      .getByRole('link', { name: 'Aufgaben', exact: true })
      .click();
    await expect(memberPage.getByRole('heading', { level: 1, name: 'Meine Aufgaben' })).toBeVisible();
    const mine = memberPage.getByRole('listitem').filter({ has: memberPage.getByRole('link', { name: SENSOR_TASK }) });
    await expect(mine).toHaveCount(1);
    await expect(mine).toContainText(`Fällig: ${sensorDue.german}`);
    await expect(mine.getByRole('link', { name: 'Stadtentwicklung' })).toBeVisible();
    await expect(memberPage.getByRole('link', { name: NOTICE_TASK })).toHaveCount(0);
    await expectNoSeriousA11yViolations(memberPage);

    // The other task is on the board of its group, with its assignee.
    await page
      .getByRole('navigation', { name: 'Hauptnavigation' })
      .getByRole('link', { name: 'Arbeitsgruppen' })
      .click();
    await page.getByRole('link', { name: NOTICE_GROUP }).first().click();
    await expect(page.getByRole('heading', { level: 1, name: NOTICE_GROUP })).toBeVisible();
    await page.getByRole('link', { name: 'Aufgaben ansehen' }).click();
    await expect(page.getByRole('heading', { level: 1, name: `Aufgaben – ${NOTICE_GROUP}` })).toBeVisible();
    const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: NOTICE_TASK }) });
    await expect(card).toHaveCount(1);
    await expect(card).toContainText(`Zuständig: ${colleague.name}`);
    await expect(card).toContainText(`Fällig: ${noticeDue.german}`);
    await expect(page.getByRole('heading', { name: SENSOR_TASK })).toHaveCount(0);
    await expectNoSeriousA11yViolations(page);
  });

  test('(7) the next meeting of the series lists both action items as open points', async () => {
    test.setTimeout(120_000);
    const page = coordinatorPage;
    await page.goto(meetingPath);
    await page
      .getByRole('complementary', { name: 'Angaben zum Termin' })
      .getByRole('link', { name: 'Nächster Termin' })
      .click();
    await expect(page).toHaveURL(
      (url) => /^\/termine\/[0-9a-f-]{36}$/.test(url.pathname) && url.pathname !== meetingPath,
    );
    await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
    const second = secondWednesday(2);
    await expect(
      page.getByText(new RegExp(`${Number(second.iso.slice(8, 10))}\\. ${germanMonthTitle(second.iso)}`)),
    ).toBeVisible();
    const open = page.getByRole('region', { name: 'Offene Punkte aus der letzten Sitzung' });
    await expect(open.getByRole('listitem')).toHaveCount(2);
    const sensor = open.getByRole('listitem').filter({ hasText: SENSOR_TASK });
    await expect(sensor).toContainText(`Verantwortlich: ${member.name}`);
    await expect(sensor).toContainText(`Fällig: ${sensorDue.german}`);
    const notice = open.getByRole('listitem').filter({ hasText: NOTICE_TASK });
    await expect(notice).toContainText(`Verantwortlich: ${colleague.name}`);
    await expect(notice).toContainText(`Fällig: ${noticeDue.german}`);
    // The agenda template of the series is there too.
    await expect(page.getByRole('list', { name: 'Tagesordnung' })).toContainText(WELCOME);
    await expectNoSeriousA11yViolations(page);
  });

  test('(8) the released minutes download as PDF', async () => {
    test.setTimeout(120_000);
    const page = coordinatorPage;
    // From the open points to the minutes they come from.
    await page
      .getByRole('region', { name: 'Offene Punkte aus der letzten Sitzung' })
      .getByRole('link', { name: TITLE })
      .click();
    await expect(page).toHaveURL((url) => url.pathname === minutesPath);
    const exports = page.getByRole('region', { name: 'Herunterladen' });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      exports.getByRole('link', { name: 'PDF herunterladen' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const file = test.info().outputPath(download.suggestedFilename());
    await download.saveAs(file);
    const bytes = await readFile(file);
    expect(bytes.length).toBeGreaterThan(1024);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await expectNoSeriousA11yViolations(page);
  });
});
