const UMLAUTS: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' };

/** "Monatsrunde Bürger-Apps" → "monatsrunde-buerger-apps": file names every mail program and OS accepts. */
export function fileSlug(text: string): string {
  return (
    text
      .toLocaleLowerCase('de')
      .replace(/[äöüß]/g, (c) => UMLAUTS[c])
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 80)
      .replace(/-$/, '') || 'sitzung'
  );
}
