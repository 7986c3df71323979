import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  ElementRef,
  inject,
  Injector,
  input,
  signal,
  untracked,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import type { OrderDto, OrderHoursDto } from '@hyrkoll/contracts';
import { TranslocoDirective } from '@jsverse/transloco';

import { AuthStore } from '../../core/auth/auth.store';
import { TranslatedTitleStrategy } from '../../core/title/translated-title.strategy';
import { ExportButtonsComponent } from '../../shared/export/export-buttons.component';
import { ExportColumn } from '../../shared/export/spreadsheet-export';
import { IsoDatePipe, NumPipe, PctPipe, SekPipe } from '../../shared/format/format.pipes';
import { firstInvalid } from '../../shared/forms/focus';
import { FORM_FIELD } from '../../shared/forms/form-field.component';
import type { ApiProblem } from '../../shared/forms/form-problem';
import { fieldProblemText, problemText } from '../../shared/forms/problem-text';
import { LoadStateComponent } from '../../shared/store/load-state.component';
import {
  checkJustification,
  MIN_JUSTIFICATION,
  OrderFieldProblems,
  readOrderProblem,
} from './order-form-checks';
import { breakdownDecimals, decimalsOf } from './order-problems';
import { isMissing, OrdersStore } from './orders.store';
import { ProcurementPanelComponent } from './procurement-panel.component';

type HoursRow = OrderHoursDto['months'][number];
type Translate = (key: string, params?: Record<string, unknown>) => string;

/** The id of the page's status message, where the focus goes after an action that went through. */
export const ORDER_STATUS_MESSAGE = 'order-status-message';

@Component({
  selector: 'hk-order-detail',
  imports: [
    RouterLink,
    ReactiveFormsModule,
    TranslocoDirective,
    SekPipe,
    NumPipe,
    PctPipe,
    IsoDatePipe,
    ProcurementPanelComponent,
    ExportButtonsComponent,
    LoadStateComponent,
    FORM_FIELD,
  ],
  providers: [OrdersStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './order-detail.page.html',
  styleUrl: './order-detail.page.scss',
})
export class OrderDetailPage {
  protected readonly store = inject(OrdersStore);
  private readonly auth = inject(AuthStore);
  private readonly injector = inject(Injector);
  private readonly titles = inject(TranslatedTitleStrategy);
  private readonly host: HTMLElement = inject(ElementRef).nativeElement;
  /** Whether the user may change and send a draft, or copy an order (the API checks the unit). */
  protected readonly mayWrite = computed(() => this.auth.can('order:write'));
  protected readonly mayReadDispensation = computed(() => this.auth.can('dispensation:read'));
  /** From the route. */
  readonly id = input.required<string>();
  /** There is no such order for the user; other failures say so with a retry. */
  protected readonly missing = computed(() => isMissing(this.store.order.error()));
  /** The order with its timeline, bids and hours once loaded (kept while an action reloads it). */
  protected readonly shown = computed(() => (this.store.order.hasValue() ? this.store.order.value() : null));
  protected readonly statusMessageId = ORDER_STATUS_MESSAGE;
  protected readonly decimals = decimalsOf;
  protected readonly moneyDecimals = breakdownDecimals;

  /** Sending a draft from this page: the justification's fields, shown when the order needs it. */
  protected readonly justification = inject(NonNullableFormBuilder).group({
    patientSafetyNeed: [''],
    alternativesTried: [''],
  });
  protected readonly sending = signal(false);
  protected readonly sendProblems = signal<OrderFieldProblems>({});
  protected readonly sendAlert = signal<ApiProblem | 'fix' | null>(null);
  protected readonly minJustification = MIN_JUSTIFICATION;

  constructor() {
    effect(() => this.store.orderId.set(this.id()));
    // the tab and the history name the order once it is read
    effect(() => {
      const reference = this.shown()?.order.reference;
      if (reference) untracked(() => this.titles.showRecord('pageTitle.orderOf', { reference }));
    });
    this.justification.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => {
      if (Object.keys(this.sendProblems()).length === 0) return;
      this.sendProblems.set(checkJustification(this.justification.getRawValue()));
      if (this.sendAlert() === 'fix' && Object.keys(this.sendProblems()).length === 0)
        this.sendAlert.set(null);
    });
  }

  /** "skapade beställningen" for `order.create`; an action without a text shows its code. */
  protected actionText(t: Translate, action: string): string {
    const key = `orders.auditAction.${action}`;
    const text = t(key);
    return text === key ? action : text;
  }

  protected sendError(t: Translate, field: 'patientSafetyNeed' | 'alternativesTried'): string | null {
    return fieldProblemText(this.sendProblems()[field], t);
  }

  protected sendAlertText(t: Translate, alert: ApiProblem | 'fix'): string {
    return alert === 'fix' ? t('orders.form.fixForm') : problemText(alert, t);
  }

  /**
   * `Skicka` on a draft: an order without rules triggered goes at once; one that needs a
   * dispensation first shows the justification's fields (or sends them, when they are shown).
   */
  protected async send(order: OrderDto): Promise<void> {
    if (this.store.busy()) return;
    this.sendAlert.set(null);
    if (order.rules.length > 0 && !this.sending()) {
      this.sending.set(true);
      afterNextRender(() => this.host.querySelector<HTMLElement>('#send-need')?.focus(), {
        injector: this.injector,
      });
      return;
    }
    let justification: { patientSafetyNeed: string; alternativesTried: string } | undefined;
    if (this.sending()) {
      const v = this.justification.getRawValue();
      const problems = checkJustification(v);
      this.sendProblems.set(problems);
      if (Object.keys(problems).length > 0) {
        this.sendAlert.set('fix');
        this.focusProblem();
        return;
      }
      justification = {
        patientSafetyNeed: v.patientSafetyNeed.trim(),
        alternativesTried: v.alternativesTried.trim(),
      };
    }
    const result = await this.store.submitDraft(order, justification);
    if (result.ok) {
      this.sending.set(false);
      this.justification.reset();
      this.focusStatus();
      return;
    }
    const read = readOrderProblem(result.error);
    if (read.fields.patientSafetyNeed || read.fields.alternativesTried) {
      // the API asks for a justification the saved rules did not: its fields appear
      this.sending.set(true);
      this.sendProblems.set({
        patientSafetyNeed: read.fields.patientSafetyNeed,
        alternativesTried: read.fields.alternativesTried,
      });
      this.sendAlert.set('fix');
    } else {
      this.sendAlert.set(read.problem);
    }
    this.focusProblem();
  }

  protected cancelSend(): void {
    this.sending.set(false);
    this.sendProblems.set({});
    this.sendAlert.set(null);
    afterNextRender(() => this.host.querySelector<HTMLElement>('#send-draft')?.focus(), {
      injector: this.injector,
    });
  }

  private focusProblem(): void {
    afterNextRender(
      () =>
        (
          firstInvalid(this.host.querySelector<HTMLElement>('#send-form')) ??
          this.host.querySelector<HTMLElement>('#send-alert')
        )?.focus(),
      { injector: this.injector },
    );
  }

  private focusStatus(): void {
    afterNextRender(() => document.getElementById(ORDER_STATUS_MESSAGE)?.focus(), {
      injector: this.injector,
    });
  }

  /** Columns of the export, in the language shown (`t` is the template's, with the scope loaded). */
  protected hoursColumns(t: Translate): ExportColumn<HoursRow>[] {
    return [
      { header: t('orders.month'), value: (r) => r.month, kind: 'date' },
      { header: t('orders.supplier'), value: (r) => r.supplier },
      { header: t('orders.hours'), value: (r) => r.hours, kind: 'number' },
      { header: t('orders.cost'), value: (r) => r.costSek, kind: 'money' },
    ];
  }
}
