import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, OnInit, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { DispensationDto } from '@hyrkoll/contracts';
import { TranslocoDirective } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';
import { IsoDatePipe, SekPipe } from '../../shared/format/format.pipes';
import { DispensationsApi } from './dispensations.api';

/** Days since a moment, whole days. */
function ageInDays(since: string): number {
  return Math.max(0, Math.floor((Date.now() - Date.parse(since)) / 86_400_000));
}

@Component({
  selector: 'hk-dispensation-inbox',
  imports: [NgTemplateOutlet, RouterLink, TranslocoDirective, SekPipe, IsoDatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './inbox.page.html',
})
export class InboxPage implements OnInit {
  private readonly api = inject(DispensationsApi);
  protected readonly state = signal<'loading' | 'ready' | 'error'>('loading');
  protected readonly waiting = signal<DispensationDto[]>([]);
  protected readonly all = signal<DispensationDto[]>([]);
  protected readonly age = ageInDays;

  async ngOnInit(): Promise<void> {
    try {
      const [waiting, all] = await Promise.all([
        firstValueFrom(this.api.list(true)),
        firstValueFrom(this.api.list(false)),
      ]);
      this.waiting.set(waiting.items);
      this.all.set(all.items.filter((d) => !waiting.items.some((w) => w.id === d.id)));
      this.state.set('ready');
    } catch {
      this.state.set('error');
    }
  }
}
