import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { CARE_SETTINGS, CareSetting } from '@hyrkoll/contracts';
import { TranslocoDirective } from '@jsverse/transloco';

import { LoadStateComponent } from '../../shared/store/load-state.component';
import { OrgStore } from './org.store';

@Component({
  selector: 'hk-org-page',
  imports: [TranslocoDirective, LoadStateComponent],
  providers: [OrgStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './org-page.component.scss',
  templateUrl: './org-page.component.html',
})
export class OrgPageComponent {
  protected readonly store = inject(OrgStore);
  protected readonly careSettings = CARE_SETTINGS;

  protected onAreaFilter(event: Event): void {
    this.store.areaFilter.set((event.target as HTMLSelectElement).value);
  }

  protected onCareSettingFilter(event: Event): void {
    this.store.careSettingFilter.set((event.target as HTMLSelectElement).value as CareSetting | '');
  }
}
