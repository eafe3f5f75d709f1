import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatIcon } from '@angular/material/icon';

/**
 * An empty page or list: an icon, a heading and the projected sentences about what will appear
 * here and what to do. By default the honest placeholder for a page that is not built yet
 * ("Dieser Bereich ist im Aufbau"); it shows no sample data.
 */
@Component({
  selector: 'srp-empty-state',
  imports: [MatIcon],
  template: `
    <div class="empty-state">
      <mat-icon class="icon">{{ icon() }}</mat-icon>
      <div class="text">
        <p class="label">{{ heading() }}</p>
        <ng-content />
      </div>
    </div>
  `,
  styles: `
    .empty-state {
      display: flex;
      gap: 1.25rem;
      align-items: flex-start;
      max-width: 46rem;
      padding: 1.5rem;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: var(--mat-sys-corner-large);
      background: var(--mat-sys-surface-container-low);
    }
    .icon {
      flex: none;
      width: 48px;
      height: 48px;
      font-size: 48px;
      color: var(--mat-sys-primary);
    }
    .label {
      margin: 0 0 0.5rem;
      font: var(--mat-sys-title-medium);
      color: var(--mat-sys-on-surface);
    }
    .text ::ng-deep p {
      margin: 0 0 0.5rem;
    }
    .text ::ng-deep p:last-child {
      margin-bottom: 0;
    }
    @media (max-width: 599.98px) {
      .empty-state {
        flex-direction: column;
        gap: 0.75rem;
        padding: 1.25rem;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EmptyState {
  /** Material Symbols ligature for the decorative icon. */
  readonly icon = input('construction');
  /** The first line, in the style of a title. */
  readonly heading = input('Dieser Bereich ist im Aufbau');
}
