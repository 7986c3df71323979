import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { ERROR_CODES, FIELD_ERROR_CODES, Permission } from '@hyrkoll/contracts';

import type { Translate } from '../translate';
import { apiProblemOfCode } from './api-problem';
import { fieldProblemText, problemText } from './problem-text';

const I18N = join(__dirname, '../../../../public/i18n');
const LANGUAGES = ['sv', 'en'] as const;
const files = Object.fromEntries(
  LANGUAGES.map((lang) => [lang, JSON.parse(readFileSync(join(I18N, `${lang}.json`), 'utf8'))]),
) as Record<(typeof LANGUAGES)[number], Record<string, unknown>>;

/** The text of a dotted key in a translation file, or undefined. */
function textOf(file: Record<string, unknown>, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], file);
}

/** A translate function over one file, replacing `{{ name }}` as Transloco does. */
function translate(lang: (typeof LANGUAGES)[number]): Translate {
  return (key, params = {}) => {
    const text = textOf(files[lang], key);
    if (typeof text !== 'string') return key;
    return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(params[name] ?? ''));
  };
}

describe.each(LANGUAGES)('the words of every error code in %s', (lang) => {
  it('has a text for every top-level code and the client’s own', () => {
    const missing = [...ERROR_CODES, 'OFFLINE', 'FAILED'].filter(
      (code) => typeof textOf(files[lang], `errors.code.${code}`) !== 'string',
    );
    expect(missing).toEqual([]);
  });

  it('has a text for every field code', () => {
    const missing = FIELD_ERROR_CODES.filter(
      (code) => typeof textOf(files[lang], `errors.field.${code}`) !== 'string',
    );
    expect(missing).toEqual([]);
  });

  it('names every permission a 403 can name', () => {
    const missing = Object.values(Permission).filter(
      (p) => typeof textOf(files[lang], `errors.permission.${p}`) !== 'string',
    );
    expect(missing).toEqual([]);
  });

  it('words the params, not the API’s English', () => {
    const t = translate(lang);
    const text = problemText(
      { status: 403, code: 'PERMISSION_MISSING', params: { permission: 'dispensation:decide' }, fields: {} },
      t,
    );
    expect(text).not.toMatch(/dispensation:decide|errors\./);
    expect(text).toContain(t('errors.permission.dispensation:decide'));
    const state = problemText(
      {
        status: 409,
        code: 'ORDER_WRONG_STATE',
        params: { action: 'publish', currentStatus: 'DRAFT' },
        fields: {},
      },
      t,
    );
    expect(state).toContain(t('orderStatus.DRAFT'));
    const taken = problemText(
      { status: 409, code: 'DUPLICATE_COST_CENTRE', params: { value: '120101' }, fields: {} },
      t,
    );
    expect(taken).toContain('120101');
    expect(fieldProblemText({ code: 'maxLength', params: { max: 2000 } }, t)?.replace(/\s/g, ' ')).toContain(
      lang === 'sv' ? '2 000' : '2,000',
    );
  });
});

describe('the refusal of one item of an answer about several', () => {
  it('is worded from its code and params as the single request would be', () => {
    const problem = apiProblemOfCode('ORDER_WRONG_STATE', { currentStatus: 'PUBLISHED', action: 'publish' });
    expect(problem.status).toBe(409);
    expect(problemText(problem, translate('sv'))).toBe(
      'Någon annan hann före: beställningen är nu Publicerad.',
    );
  });

  it('falls back on a general text for a code the client does not know', () => {
    const problem = apiProblemOfCode('SOMETHING_NEWER', 'not params');
    expect(problem).toEqual({ status: 0, code: 'FAILED', params: {}, fields: {} });
    expect(problemText(problem, translate('en'))).not.toContain('errors.code');
  });
});
