import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, input, OnInit, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import type { DispensationDto, ErrorBody } from '@hyrkoll/contracts';
import { TranslocoDirective } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';
import { IsoDatePipe, SekPipe } from '../../shared/format/format.pipes';
import { Decision, DispensationsApi } from './dispensations.api';

@Component({
  selector: 'hk-dispensation-decision',
  imports: [ReactiveFormsModule, RouterLink, TranslocoDirective, SekPipe, IsoDatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './decision.page.html',
})
export class DecisionPage implements OnInit {
  private readonly api = inject(DispensationsApi);
  /** From the route. */
  readonly id = input.required<string>();
  protected readonly state = signal<'loading' | 'ready' | 'missing'>('loading');
  protected readonly dispensation = signal<DispensationDto | null>(null);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly form = inject(NonNullableFormBuilder).group({
    comment: [''],
    conditions: [''],
    validFrom: [''],
    validTo: [''],
    hoursCap: [''],
    costCap: [''],
    delegationReference: [''],
  });

  async ngOnInit(): Promise<void> {
    try {
      this.dispensation.set(await firstValueFrom(this.api.get(this.id())));
      this.state.set('ready');
    } catch {
      this.state.set('missing');
    }
  }

  protected async decide(decision: Decision): Promise<void> {
    const d = this.dispensation();
    if (!d) return;
    const v = this.form.getRawValue();
    if (decision !== 'approve' && !v.comment.trim()) {
      this.error.set('comment');
      return;
    }
    const optional = (value: string) => (value.trim() ? value.trim() : undefined);
    const body: Record<string, unknown> =
      decision === 'approve'
        ? {
            version: d.version,
            comment: optional(v.comment),
            conditions: optional(v.conditions),
            validFrom: optional(v.validFrom),
            validTo: optional(v.validTo),
            hoursCap: optional(v.hoursCap.replace(',', '.')),
            costCap: optional(v.costCap.replace(/\s/g, '').replace(',', '.')),
            delegationReference: optional(v.delegationReference),
          }
        : { version: d.version, comment: v.comment.trim() };
    this.busy.set(true);
    this.error.set(null);
    try {
      this.dispensation.set(await firstValueFrom(this.api.decide(d.id, decision, body)));
    } catch (e) {
      this.error.set(
        e instanceof HttpErrorResponse ? ((e.error as ErrorBody)?.message ?? 'failed') : 'failed',
      );
    } finally {
      this.busy.set(false);
    }
  }
}
