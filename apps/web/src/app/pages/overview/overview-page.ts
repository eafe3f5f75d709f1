import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatIcon } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { SecondFactorHint } from '../../shared/second-factor-hint';
import { AuthService } from '../../core/auth.service';
import { navItemsFor } from '../../shell/nav-items';
import { MyParticipation } from './my-participation';
import { MyTaskCounts } from './my-task-counts';

/** Start page: what the portal is for and where to find what. */
@Component({
  selector: 'srp-overview-page',
  imports: [MatIcon, MyParticipation, MyTaskCounts, RouterLink, SecondFactorHint],
  templateUrl: './overview-page.html',
  styleUrl: './overview-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OverviewPage {
  private readonly user = inject(AuthService).user;
  /** The sections below the overview itself that the person may open, as signposts. */
  protected readonly sections = computed(() => navItemsFor(this.user()?.role).filter((item) => item.path !== '/'));
}
