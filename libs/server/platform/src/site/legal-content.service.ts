import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { DomainError } from '../http/domain-error';
import { LegalPageDto, LegalPageName } from './legal-page.dto';

const DEFAULT_TITLES: Record<LegalPageName, string> = {
  impressum: 'Impressum',
  datenschutz: 'Datenschutzerklärung',
  barrierefreiheit: 'Erklärung zur Barrierefreiheit',
};

/**
 * Reads the operator's texts from LEGAL_DIR/<page>.md: a first line "# Title", then paragraphs
 * separated by blank lines. Plain text only; the browser renders it as text.
 */
@Injectable()
export class LegalContentService {
  constructor(private readonly config: AppConfig) {}

  async page(page: LegalPageName): Promise<LegalPageDto> {
    let source: string;
    try {
      source = await readFile(join(resolve(this.config.LEGAL_DIR), `${page}.md`), 'utf8');
    } catch (error) {
      // A missing file is the operator's choice; any other read error is a misconfiguration (500).
      if ((error as { code?: string }).code !== 'ENOENT') throw error;
      throw new DomainError('NOT_FOUND', 'Dieser Text wurde vom Betreiber noch nicht hinterlegt.');
    }
    return parseLegalText(page, source);
  }
}

export function parseLegalText(page: LegalPageName, source: string): LegalPageDto {
  const lines = source.replace(/\r\n/g, '\n').split('\n');
  let title = DEFAULT_TITLES[page];
  const first = lines[0];
  if (first?.startsWith('# ')) {
    lines.shift();
    title = first.slice(2).trim() || title;
  }
  const paragraphs = lines
    .join('\n')
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
    .filter((p) => p.length > 0);
  return { page, title, paragraphs };
}
