// docs/performance.md: each benchmark owns one section and, inside it, a generated part between
// its own markers. Everything outside the markers (the prose a person writes) is kept.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const INTRO = `# Performance

How fast the portal answers, measured with the benchmarks in \`tools/bench\` (QUALITY.md, "Performance budgets").
`;

/** The file, its current text and the generated part between `start` and `end` (null when missing). */
export function readPerformanceDoc(root, start, end) {
  const file = join(root, 'docs/performance.md');
  const text = existsSync(file) ? readFileSync(file, 'utf8') : INTRO;
  const from = text.indexOf(start.slice(0, 30));
  const to = text.indexOf(end);
  return { file, text, generated: from >= 0 && to > from ? text.slice(from, to) : null };
}

/**
 * Puts `generated` (which begins with `start` and ends with `end`) in place of the old generated
 * part, or under `heading`, or appends the heading; then formats the file with Prettier.
 */
export async function writePerformanceDoc(root, { start, end, heading, generated }) {
  const { file, text } = readPerformanceDoc(root, start, end);
  const from = text.indexOf(start.slice(0, 30));
  const to = text.indexOf(end);
  let next;
  if (from >= 0 && to > from) next = text.slice(0, from) + generated + text.slice(to + end.length);
  else if (text.includes(heading)) next = text.replace(heading, `${heading}\n\n${generated}\n`);
  else next = `${text.trimEnd()}\n\n${heading}\n\n${generated}\n`;
  const prettier = await import('prettier');
  const options = (await prettier.resolveConfig(file)) ?? {};
  writeFileSync(file, await prettier.format(next, { ...options, filepath: file }));
  return file;
}
