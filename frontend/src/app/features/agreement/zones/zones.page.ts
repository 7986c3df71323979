import {
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  Injector,
  OnInit,
  signal,
} from '@angular/core';
import { PriceZone } from '@hyrkoll/contracts';
import { TranslocoDirective } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';

import { AuthStore } from '../../../core/auth/auth.store';
import { focusAfterRender } from '../../../shared/forms/focus';
import { FormAlertComponent } from '../../../shared/forms/form-alert.component';
import { send } from '../../../shared/forms/form-submission';
import { TABLE } from '../../../shared/table/table.component';
import { perLanguage } from '../../../shared/translate';
import { AgreementApi } from '../agreement.api';
import { unitsPerMunicipality } from '../agreement-data';
import { zoneColumns, ZoneRow } from '../agreement-export';
import { toPriceZone } from '../forms/agreement-forms';
import { alertFor, alertText, FormAlert } from '../forms/problem-messages.component';

const ZONES: readonly PriceZone[] = [1, 2, 3];

/** Each municipality's price zone (1–3): the zone of every unit in it, and so its tariff. */
@Component({
  selector: 'hk-agreement-zones',
  imports: [TranslocoDirective, TABLE, FormAlertComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: '../agreement-page.scss',
  templateUrl: './zones.page.html',
})
export class ZonesPage implements OnInit {
  private readonly api = inject(AgreementApi);
  private readonly auth = inject(AuthStore);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly zones = ZONES;
  protected readonly columns = perLanguage(zoneColumns);
  protected readonly canManage = computed(() => this.auth.can('agreement:manage'));
  protected readonly state = signal<'loading' | 'ready' | 'error'>('loading');
  protected readonly rows = signal<ZoneRow[]>([]);
  /** Zones chosen in the rows' selects and not yet saved, by municipality code. */
  protected readonly drafts = signal<Readonly<Record<string, PriceZone>>>({});
  protected readonly busy = signal<string | null>(null);
  protected readonly done = signal<{ name: string; zone: PriceZone } | null>(null);
  protected readonly rowAlert = signal<{ code: string; alert: FormAlert } | null>(null);
  protected readonly illustrative = computed(() => this.rows().some((r) => r.illustrative));
  protected readonly alertText = alertText;

  protected readonly byCode = (row: ZoneRow) => row.code;

  ngOnInit(): void {
    void this.load();
  }

  protected async load(): Promise<void> {
    try {
      const [municipalities, units] = await Promise.all([
        firstValueFrom(this.api.municipalities()),
        firstValueFrom(this.api.units()),
      ]);
      const counts = unitsPerMunicipality(units);
      this.rows.set(
        municipalities.map((m) => ({
          code: m.code,
          name: m.name,
          priceZone: m.priceZone,
          illustrative: m.priceZoneIllustrative,
          units: counts.get(m.code) ?? 0,
        })),
      );
      this.drafts.set({});
      this.state.set('ready');
    } catch {
      this.state.set('error');
    }
  }

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
    const sent = await send(this.api.setPriceZone(row.code, zone));
    this.busy.set(null);
    focusAfterRender(this.injector, () =>
      this.host.nativeElement.querySelector<HTMLElement>(`#zone-${row.code}`),
    );
    if (!sent.ok) {
      this.rowAlert.set({ code: row.code, alert: alertFor(sent.problem) });
      if (sent.problem.general === 'notFound') await this.load();
      return;
    }
    const saved = sent.answer;
    this.rows.update((rows) =>
      rows.map((r) =>
        r.code === saved.code ? { ...r, priceZone: saved.priceZone, illustrative: false } : r,
      ),
    );
    this.drafts.update((d) => {
      const rest = { ...d };
      delete rest[row.code];
      return rest;
    });
    this.done.set({ name: saved.name, zone: saved.priceZone });
  }
}
