import {
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  Injector,
  linkedSignal,
  signal,
} from '@angular/core';
import { PriceZone } from '@hyrkoll/contracts';
import { TranslocoDirective } from '@jsverse/transloco';

import { AuthStore } from '../../../core/auth/auth.store';
import type { ApiProblem } from '../../../shared/forms/api-problem';
import { focusAfterRender } from '../../../shared/forms/focus';
import { FormAlertComponent } from '../../../shared/forms/form-alert.component';
import { send } from '../../../shared/forms/form-submission';
import { LoadStateComponent } from '../../../shared/store/load-state.component';
import { TABLE } from '../../../shared/table/table.component';
import { perLanguage } from '../../../shared/translate';
import { zoneColumns, ZoneRow } from '../agreement-export';
import { toPriceZone } from '../forms/agreement-forms';
import { ZonesStore } from './zones.store';

const ZONES: readonly PriceZone[] = [1, 2, 3];

/** Each municipality's price zone (1–3): the zone of every unit in it, and so its tariff. */
@Component({
  selector: 'hk-agreement-zones',
  imports: [TranslocoDirective, TABLE, FormAlertComponent, LoadStateComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [ZonesStore],
  styleUrl: '../agreement-page.scss',
  templateUrl: './zones.page.html',
})
export class ZonesPage {
  protected readonly store = inject(ZonesStore);
  private readonly auth = inject(AuthStore);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly zones = ZONES;
  protected readonly columns = perLanguage(zoneColumns);
  protected readonly canManage = computed(() => this.auth.can('agreement:manage'));
  private readonly rows = computed(() => (this.store.rows.hasValue() ? this.store.rows.value() : []));
  /** Zones chosen in the rows' selects and not yet saved, by municipality code; none after a load. */
  protected readonly drafts = linkedSignal<ZoneRow[], Readonly<Record<string, PriceZone>>>({
    source: this.rows,
    computation: () => ({}),
  });
  protected readonly busy = signal<string | null>(null);
  protected readonly done = signal<{ name: string; zone: PriceZone } | null>(null);
  protected readonly rowAlert = signal<{ code: string; alert: ApiProblem } | null>(null);
  protected readonly illustrative = computed(() => this.rows().some((r) => r.illustrative));

  protected readonly byCode = (row: ZoneRow) => row.code;

  protected draftOf(row: ZoneRow): PriceZone {
    return this.drafts()[row.code] ?? row.priceZone;
  }

  protected choose(row: ZoneRow, event: Event): void {
    const zone = toPriceZone((event.target as HTMLSelectElement).value);
    if (zone) this.drafts.update((d) => ({ ...d, [row.code]: zone }));
  }

  protected async save(row: ZoneRow): Promise<void> {
    const zone = this.draftOf(row);
    if (zone === row.priceZone) return;
    this.busy.set(row.code);
    this.done.set(null);
    this.rowAlert.set(null);
    const sent = await send(this.store.setPriceZone(row.code, zone));
    this.busy.set(null);
    focusAfterRender(this.injector, () =>
      this.host.nativeElement.querySelector<HTMLElement>(`#zone-${row.code}`),
    );
    if (!sent.ok) {
      this.rowAlert.set({ code: row.code, alert: sent.problem });
      if (sent.problem.status === 404) this.store.rows.reload();
      return;
    }
    this.done.set({ name: sent.answer.name, zone: sent.answer.priceZone });
  }
}
