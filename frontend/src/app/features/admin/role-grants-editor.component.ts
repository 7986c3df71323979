import { ChangeDetectionStrategy, Component, computed, input, model, signal } from '@angular/core';
import type { AreaDto, Role, RoleGrantInput, UnitDto } from '@hyrkoll/contracts';
import { TranslocoDirective } from '@jsverse/transloco';

import {
  addGrant,
  grantKey,
  GrantProblem,
  grantProblem,
  makeGrant,
  removeGrant,
  ROLE_ORDER,
  scopeName,
  scopeOf,
  unitsByArea,
} from './role-grants';

/**
 * The roles of a user, each with the scope its role takes: a unit for a unit manager, an
 * area for an area chief, nothing for the region's roles.
 */
@Component({
  selector: 'hk-role-grants-editor',
  imports: [TranslocoDirective],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './admin-page.scss',
  templateUrl: './role-grants-editor.component.html',
})
export class RoleGrantsEditorComponent {
  /** Prefix of the element ids, unique on the page. */
  readonly idPrefix = input.required<string>();
  readonly grants = model.required<RoleGrantInput[]>();
  readonly units = input.required<readonly UnitDto[]>();
  readonly areas = input.required<readonly AreaDto[]>();
  /** A problem the API named for the roles, shown with the list. */
  readonly serverError = input<string | null>(null);

  protected readonly roles = ROLE_ORDER;
  protected readonly role = signal<Role>('UNIT_MANAGER');
  protected readonly scopeId = signal('');
  protected readonly problem = signal<GrantProblem | null>(null);
  protected readonly scope = computed(() => scopeOf(this.role()));
  protected readonly unitGroups = computed(() => unitsByArea(this.units()));
  protected readonly sortedAreas = computed(() =>
    [...this.areas()].sort((a, b) => a.name.localeCompare(b.name, 'sv')),
  );

  protected readonly key = grantKey;

  protected scopeLabel(grant: RoleGrantInput): string | null {
    return scopeName(grant, this.units(), this.areas());
  }

  protected onRole(event: Event): void {
    this.role.set((event.target as HTMLSelectElement).value as Role);
    this.scopeId.set('');
    this.problem.set(null);
  }

  protected onScope(event: Event): void {
    this.scopeId.set((event.target as HTMLSelectElement).value);
    this.problem.set(null);
  }

  protected add(): void {
    const grant = makeGrant(this.role(), this.scopeId());
    const problem = grantProblem(grant, this.grants());
    this.problem.set(problem);
    if (problem) return;
    this.grants.set(addGrant(this.grants(), grant));
    this.scopeId.set('');
  }

  protected remove(grant: RoleGrantInput): void {
    this.grants.set(removeGrant(this.grants(), grant));
  }
}
