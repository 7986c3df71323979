import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';

import { FORM_FIELD } from './form-field.component';

@Component({
  imports: [FORM_FIELD],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <hk-form-field fieldId="rate" label="Timpris" [hint]="hint()" [error]="error()" [describedBy]="shared()">
      <input hkFieldControl />
    </hk-form-field>
  `,
})
class HostComponent {
  readonly hint = signal<string | null>(null);
  readonly error = signal<string | null>(null);
  readonly shared = signal<string | null>(null);
}

describe('hk-form-field', () => {
  const render = () => {
    const fixture = TestBed.createComponent(HostComponent);
    fixture.detectChanges();
    const element: HTMLElement = fixture.nativeElement;
    const control = element.querySelector('input') as HTMLInputElement;
    const update = (change: Partial<Record<'hint' | 'error' | 'shared', string | null>>) => {
      for (const [key, value] of Object.entries(change)) {
        fixture.componentInstance[key as 'hint' | 'error' | 'shared'].set(value);
      }
      fixture.detectChanges();
    };
    return { element, control, update };
  };

  it('labels the control and marks it valid while nothing is wrong', () => {
    const { element, control } = render();
    expect(control.id).toBe('rate');
    expect(element.querySelector('label')?.getAttribute('for')).toBe('rate');
    expect(element.querySelector('label')?.textContent?.trim()).toBe('Timpris');
    expect(control.getAttribute('aria-invalid')).toBe('false');
    expect(control.hasAttribute('aria-describedby')).toBe(false);
    expect(element.querySelector('hk-form-field')?.classList).toContain('field');
  });

  it('describes the control by its hint and, when there is one, its message', () => {
    const { element, control, update } = render();
    update({ hint: 'Kronor per timme.' });
    expect(control.getAttribute('aria-describedby')).toBe('rate-hint');
    expect(element.querySelector('#rate-hint')?.textContent?.trim()).toBe('Kronor per timme.');

    update({ error: 'Fyll i fältet.' });
    expect(control.getAttribute('aria-invalid')).toBe('true');
    expect(control.getAttribute('aria-describedby')).toBe('rate-hint rate-error');
    expect(element.querySelector('#rate-error')?.textContent?.trim()).toBe('Fyll i fältet.');

    update({ error: null });
    expect(control.getAttribute('aria-invalid')).toBe('false');
    expect(element.querySelector('#rate-error')).toBeNull();
  });

  it('names a description outside the field first', () => {
    const { control, update } = render();
    update({ shared: 'empty-hint', error: 'Skriv ett heltal.' });
    expect(control.getAttribute('aria-describedby')).toBe('empty-hint rate-error');
  });
});
