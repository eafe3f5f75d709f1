import { Page, expect } from '@playwright/test';
import { Secret, TOTP } from 'otpauth';

/** The authenticator app of a test person: codes from the secret the profile page showed. */
export class Authenticator {
  private readonly totp: TOTP;

  constructor(secret: string) {
    this.totp = new TOTP({ secret: Secret.fromBase32(secret.replace(/\s+/g, '')), digits: 6, period: 30 });
  }

  /** The code for now; `offsetMs` moves on to a later time step (the api accepts one step ahead, never one twice). */
  code(offsetMs = 0): string {
    return this.totp.generate({ timestamp: Date.now() + offsetMs });
  }
}

/** The card "Zwei-Faktor-Anmeldung" on /profil. */
export const secondFactorCard = (page: Page) => page.getByRole('region', { name: 'Zwei-Faktor-Anmeldung' });

/**
 * Sets up the second factor on /profil like a person with an authenticator app: reads the secret
 * from the manual-entry text, confirms with a code and closes the recovery codes.
 * `beforeConfirm` runs while the QR code is shown (for a11y scans and screenshots).
 */
export async function setUpSecondFactor(
  page: Page,
  hooks: { whileScanning?: () => Promise<void>; withCodes?: (codes: string[]) => Promise<void> } = {},
): Promise<Authenticator> {
  if (!page.url().endsWith('/profil')) {
    await page.goto('/profil');
  }
  const card = secondFactorCard(page);
  await card.getByRole('button', { name: 'Einrichten' }).click();
  await expect(card.getByRole('img', { name: /QR-Code/ })).toBeVisible();
  const secret = (await card.locator('code.secret').innerText()).replace(/\s+/g, '');
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  await hooks.whileScanning?.();

  const authenticator = new Authenticator(secret);
  await card.getByLabel('Code aus der App').fill(authenticator.code());
  await card.getByRole('button', { name: 'Bestätigen und einrichten' }).click();
  const codes = card.getByRole('list', { name: 'Wiederherstellungscodes' }).getByRole('listitem');
  await expect(codes).toHaveCount(10);
  await hooks.withCodes?.(await codes.allInnerTexts());
  await card.getByRole('button', { name: 'Ich habe die Codes gesichert' }).click();
  await expect(card).toContainText('Eingerichtet.');
  return authenticator;
}
