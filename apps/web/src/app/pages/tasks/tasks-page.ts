import { ChangeDetectionStrategy, Component } from '@angular/core';
import { EmptyState } from '../../shared/empty-state/empty-state';

/** Aufgaben: placeholder until the feature exists. */
@Component({
  selector: 'srp-tasks-page',
  imports: [EmptyState],
  template: `
    <h1>Aufgaben</h1>
    <srp-empty-state icon="task_alt">
      <p>
        Hier sehen Sie bald Ihre Aufgaben aus den Arbeitsgruppen – mit Zuständigen, Fälligkeitsdatum und
        Bearbeitungsstand.
      </p>
      <p>
        Aufgaben, die in einer Sitzung beschlossen werden, erscheinen hier automatisch, und Sie werden rechtzeitig vor
        der Fälligkeit erinnert.
      </p>
    </srp-empty-state>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TasksPage {}
