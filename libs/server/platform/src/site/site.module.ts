import { Module } from '@nestjs/common';
import { LegalContentService } from './legal-content.service';
import { SiteController } from './site.controller';

@Module({ controllers: [SiteController], providers: [LegalContentService] })
export class SiteModule {}
