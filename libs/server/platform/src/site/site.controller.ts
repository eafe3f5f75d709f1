import { Controller, Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../http/public.decorator';
import { LegalContentService } from './legal-content.service';
import { LegalPageDto, LegalPageParams } from './legal-page.dto';

@ApiTags('site')
@Controller('site')
export class SiteController {
  constructor(private readonly legal: LegalContentService) {}

  /** Impressum, Datenschutz or Barrierefreiheit, as the operator configured them. */
  @Public()
  @Get('legal/:page')
  @ApiOkResponse({ type: LegalPageDto })
  @ApiNotFoundResponse({ description: 'Unknown page or text not configured' })
  legalPage(@Param() params: LegalPageParams): Promise<LegalPageDto> {
    return this.legal.page(params.page);
  }
}
