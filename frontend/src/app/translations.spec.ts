import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { BID_ISSUES, DISPENSATION_STATUSES, ORDER_STATUSES, RuleCode } from '@hyrkoll/contracts';

const I18N = join(__dirname, '../../public/i18n');

type Tree = { [key: string]: string | Tree };

const read = (path: string): Tree => JSON.parse(readFileSync(join(I18N, path), 'utf8'));

/** Every key of a translation file, as dotted paths, with its text. */
function entries(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [[`${prefix}${key}`, value]] : entries(value, `${prefix}${key}.`),
  );
}

/** The parameters a text uses, `{{ name }}`. */
const paramsOf = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

const scopes = ['', ...readdirSync(I18N).filter((name) => statSync(join(I18N, name)).isDirectory())];

describe('the translations', () => {
  it.each(scopes)('give Swedish and English the same keys and parameters (scope "%s")', (scope) => {
    const sv = new Map(entries(read(join(scope, 'sv.json'))));
    const en = new Map(entries(read(join(scope, 'en.json'))));
    expect([...en.keys()].sort()).toEqual([...sv.keys()].sort());
    for (const [key, text] of sv) expect([key, paramsOf(en.get(key) ?? '')]).toEqual([key, paramsOf(text)]);
  });

  it('name every rule, order status and issue a bid can have', () => {
    for (const lang of ['sv', 'en']) {
      const keys = new Set(entries(read(`${lang}.json`)).map(([key]) => key));
      const missing = [
        ...Object.values(RuleCode).map((code) => `rule.${code}`),
        ...ORDER_STATUSES.map((status) => `orderStatus.${status}`),
        ...BID_ISSUES.map((code) => `bidIssue.${code}`),
      ].filter((key) => !keys.has(key));
      expect([lang, missing]).toEqual([lang, []]);
    }
  });

  it('word a state or the whole region inside a sentence in lower case ("är nu beviljad")', () => {
    for (const lang of ['sv', 'en']) {
      const texts = new Map<string, string>([
        ...entries(read(`dispensations/${lang}.json`)).map(([k, v]) => [`dispensations.${k}`, v] as const),
        ...entries(read(`orders/${lang}.json`)).map(([k, v]) => [`orders.${k}`, v] as const),
        ...entries(read(`dashboard/${lang}.json`)).map(([k, v]) => [`dashboard.${k}`, v] as const),
      ]);
      const keys = [
        ...DISPENSATION_STATUSES.map((status) => `dispensations.statusInSentence.${status}`),
        ...ORDER_STATUSES.map((status) => `orders.statusInSentence.${status}`),
        'dashboard.filters.regionInSentence',
      ];
      const wrong = keys.filter((key) => !/^\p{Ll}/u.test(texts.get(key) ?? ''));
      expect([lang, wrong]).toEqual([lang, []]);
    }
  });
});
