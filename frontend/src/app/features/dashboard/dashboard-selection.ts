import { computed, Directive, effect, inject, input, signal } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { ActivatedRoute, Router } from '@angular/router';
import { MonthKey } from '@hyrkoll/domain';
import { TranslocoService } from '@jsverse/transloco';

import { AuthStore } from '../../core/auth/auth.store';
import { LanguageService } from '../../core/i18n/language.service';
import { documentTitle } from '../../core/title/translated-title.strategy';
import { DashboardStore } from './dashboard.store';
import { formatMonth, formatMonthSpan } from './dashboard-format';
import { DashboardParams, DashboardQuery, NO_FILTERS, parseQuery, Selection } from './dashboard-query';
import { selectionLabel, Translate } from './dashboard-views';
import { translationsChanged } from './translations-changed';

/**
 * What the dashboard and the board report share: the filters bound from the address, the
 * query read from them, the loading of the context and of the figures, the document title and
 * the words for whose figures and which period they are. Each page says where its period comes
 * from (`from` and `to`, or the report's month) and what its title is.
 */
@Directive()
export abstract class DashboardSelectionPage {
  protected readonly store = inject(DashboardStore);
  protected readonly router = inject(Router);
  protected readonly route = inject(ActivatedRoute);
  protected readonly auth = inject(AuthStore);
  protected readonly languages = inject(LanguageService);
  protected readonly transloco = inject(TranslocoService);
  private readonly title = inject(Title);
  private readonly translations = translationsChanged();

  // the filters' query parameters, bound by the router
  readonly area = input<string>();
  readonly unit = input<string>();
  readonly supplier = input<string>();
  readonly careSetting = input<string>();
  readonly professionGroup = input<string>();

  protected readonly allowed = computed(() => this.auth.can('metrics:read'));
  protected readonly contextFailed = signal(false);

  /** The period's parameters of the address, as the page takes them. */
  protected abstract periodParams(): Pick<DashboardParams, 'from' | 'to'>;

  /** The page's heading for the document title, in the language shown (a key until it is loaded). */
  protected abstract heading(t: Translate, query: DashboardQuery | null): string;

  protected readonly query = computed<DashboardQuery | null>(() => {
    const context = this.store.context();
    if (!context?.bounds) return null;
    const filters = {
      area: this.area(),
      unit: this.unit(),
      careSetting: this.careSetting(),
      professionGroup: this.professionGroup(),
      supplier: this.supplier(),
    };
    return parseQuery({ ...filters, ...this.periodParams() }, context.bounds, context);
  });

  constructor() {
    void this.init();
    effect(() => {
      const query = this.query();
      if (query) void this.store.load(query);
    });
    // the title follows the heading in every state: also without figures or access to them
    effect(() => {
      this.translations();
      const t: Translate = (key, params) => this.transloco.translate(key, params);
      const heading = this.heading(t, this.query());
      if (!heading.startsWith('dashboard.')) this.title.setTitle(documentTitle(heading));
    });
  }

  private async init(): Promise<void> {
    if (!this.allowed()) return;
    try {
      await this.store.loadContext();
    } catch {
      this.contextFailed.set(true);
    }
  }

  protected async retry(): Promise<void> {
    this.contextFailed.set(false);
    const query = this.query();
    if (query) await this.store.load(query);
    else await this.init();
  }

  /** Whose figures are shown, in words (the filtered part, or the user's scope, and the filters). */
  protected selectionLabel(selection: Selection, t: Translate, inSentence = false): string {
    const context = this.store.context();
    return context ? selectionLabel(selection, context, t, inSentence) : '';
  }

  /** The user's scope in words: "Hela regionen", their areas, or their units. */
  protected scopeLabel(t: Translate): string {
    return this.selectionLabel(NO_FILTERS, t);
  }

  protected monthLabel(month: MonthKey): string {
    return formatMonth(month, this.languages.locale(), 'long');
  }

  protected periodLabel(query: DashboardQuery): string {
    return formatMonthSpan(query.from, query.to, this.languages.locale());
  }
}
