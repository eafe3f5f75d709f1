/** Browsers by their user-agent token; order matters (Edge and Opera also say "Chrome", Chrome says "Safari"). */
const BROWSERS: readonly [RegExp, string][] = [
  [/\bEdg(?:e|A|iOS)?\//, 'Edge'],
  [/\b(?:OPR|Opera)\//, 'Opera'],
  [/\bSamsungBrowser\//, 'Samsung Internet'],
  [/\b(?:Firefox|FxiOS)\//, 'Firefox'],
  [/\b(?:HeadlessChrome|Chrome|Chromium|CriOS)\//, 'Chrome'],
  [/\bVersion\/[\d.]+.*\bSafari\//, 'Safari'],
  [/\bTrident\/|\bMSIE /, 'Internet Explorer'],
];

/** Operating systems; order matters (Android says "Linux", iOS says "like Mac OS X"). */
const SYSTEMS: readonly [RegExp, string][] = [
  [/\bWindows\b/, 'Windows'],
  [/\b(?:iPhone|iPad|iPod)\b/, 'iOS'],
  [/\bAndroid\b/, 'Android'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
  [/\bLinux\b|\bX11\b/, 'Linux'],
];

function find(userAgent: string, table: readonly [RegExp, string][]): string | undefined {
  return table.find(([pattern]) => pattern.test(userAgent))?.[1];
}

/** A readable name for the browser of a session: "Chrome unter Linux", "Safari unter iOS". */
export function deviceLabel(userAgent: string | null | undefined): string {
  const ua = userAgent?.trim() ?? '';
  const browser = ua ? find(ua, BROWSERS) : undefined;
  const system = ua ? find(ua, SYSTEMS) : undefined;
  if (browser && system) {
    return `${browser} unter ${system}`;
  }
  if (browser) {
    return browser;
  }
  if (system) {
    return `Browser unter ${system}`;
  }
  return 'Unbekannter Browser';
}

/** Whether the session runs on a phone or tablet (for the icon only). */
export function isMobileDevice(userAgent: string | null | undefined): boolean {
  return /\b(?:Mobile|Android|iPhone|iPad|iPod)\b/.test(userAgent ?? '');
}
