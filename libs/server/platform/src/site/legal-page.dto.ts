import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';

export const LEGAL_PAGES = ['impressum', 'datenschutz', 'barrierefreiheit'] as const;
export type LegalPageName = (typeof LEGAL_PAGES)[number];

export class LegalPageParams {
  @ApiProperty({ enum: LEGAL_PAGES })
  @IsIn(LEGAL_PAGES)
  page!: LegalPageName;
}

/** An operator-edited text page, as plain paragraphs (never HTML). */
export class LegalPageDto {
  @ApiProperty({ enum: LEGAL_PAGES })
  page!: LegalPageName;

  @ApiProperty({ example: 'Impressum' })
  title!: string;

  @ApiProperty({ type: [String] })
  paragraphs!: string[];
}
