import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatIcon } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { SecondFactorHint } from '../../shared/second-factor-hint';
import { MAIN_NAV } from '../../shell/nav-items';

/** Start page: what the portal is for and where to find what. */
@Component({
  selector: 'srp-overview-page',
  imports: [MatIcon, RouterLink, SecondFactorHint],
  templateUrl: './overview-page.html',
  styleUrl: './overview-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OverviewPage {
  /** The sections below the overview itself, as signposts. */
  protected readonly sections = MAIN_NAV.filter((item) => item.path !== '/');
}
