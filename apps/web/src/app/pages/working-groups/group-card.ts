import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIcon } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { GroupSummary, groupBadge } from '../../core/groups.service';
import { membersText, myStandingLabel, organizationsText } from './group-labels';

/** One group in the list: number, name, phase, counts and how I stand in it. The whole card is the link. */
@Component({
  selector: 'srp-group-card',
  imports: [MatIcon, RouterLink],
  template: `
    @let g = group();
    <div class="card-top">
      <span class="number-badge">{{ badge() }}</span>
      @if (standing(); as label) {
        <span class="standing" [class.requested]="g.myStatus === 'requested'">
          <mat-icon aria-hidden="true">{{ g.myStatus === 'requested' ? 'schedule' : 'check_circle' }}</mat-icon>
          {{ label }}
        </span>
      }
    </div>
    <h3 class="card-title">
      <a [routerLink]="['/arbeitsgruppen', g.id]" class="card-link">{{ g.name }}</a>
    </h3>
    @if (g.phase) {
      <p class="phase">{{ g.phase }}</p>
    }
    <p class="counts">
      @if (g.memberCount === 0) {
        <span><mat-icon aria-hidden="true">person</mat-icon>Noch keine Mitglieder</span>
      } @else {
        <span><mat-icon aria-hidden="true">person</mat-icon>{{ members() }}</span>
        <span><mat-icon aria-hidden="true">location_city</mat-icon>{{ organizations() }}</span>
      }
    </p>
  `,
  styleUrl: './group-card.scss',
  host: {
    '[class.mine]': "group().myStatus === 'active'",
    '[class.archived]': "group().status === 'archived'",
  },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class GroupCard {
  readonly group = input.required<GroupSummary>();

  protected readonly badge = computed(() => groupBadge(this.group()));
  protected readonly standing = computed(() => myStandingLabel(this.group()));
  protected readonly members = computed(() => membersText(this.group().memberCount));
  protected readonly organizations = computed(() => organizationsText(this.group().organizationCount));
}
