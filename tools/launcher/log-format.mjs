// Turns the apps' JSON log lines into short readable lines for the terminal.
const LEVELS = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };
const COLOURS = { warn: '\x1b[33m', error: '\x1b[31m', fatal: '\x1b[31m' };

export function formatLogLine(name, line) {
  let entry;
  try {
    entry = JSON.parse(line);
  } catch {
    return `[${name}] ${line}`;
  }
  if (typeof entry !== 'object' || entry === null || !('msg' in entry)) return `[${name}] ${line}`;
  const level = LEVELS[entry.level] ?? 'info';
  const time = new Date(entry.time ?? Date.now()).toLocaleTimeString('de-DE', { timeZone: 'Europe/Berlin' });
  const request = entry.req
    ? ` ${entry.req.method} ${entry.req.url} → ${entry.res?.statusCode ?? ''} ${entry.responseTime ?? ''}ms`
    : '';
  const context = entry.context ? `${entry.context}: ` : '';
  const error = entry.err?.message ? ` (${entry.err.message})` : '';
  const colour = COLOURS[level] ?? '';
  return `${colour}[${name}] ${time} ${level.padEnd(5)}\x1b[0m ${context}${entry.msg}${request}${error}`;
}
