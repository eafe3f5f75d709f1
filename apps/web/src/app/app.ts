import { ChangeDetectionStrategy, Component } from '@angular/core';
import { Shell } from './shell/shell';

@Component({
  selector: 'srp-root',
  imports: [Shell],
  template: '<srp-shell />',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class App {}
