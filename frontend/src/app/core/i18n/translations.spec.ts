import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { CARE_SETTINGS } from '@hyrkoll/contracts';

import { LANGUAGES } from './languages';

type Tree = { [key: string]: string | Tree };

function keysOf(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keysOf(value, `${prefix}${key}.`),
  );
}

const I18N = join(__dirname, '../../../../public/i18n');

/** Feature scopes: `i18n/<scope>/<lang>.json`, loaded with the lazy feature, keys read as `<scope>.key`. */
const SCOPES = readdirSync(I18N).filter((name) => statSync(join(I18N, name)).isDirectory());

/** The global file with every scope's file merged under the scope's name, as Transloco sees it. */
function load(language: string): Tree {
  const tree: Tree = JSON.parse(readFileSync(join(I18N, `${language}.json`), 'utf8'));
  for (const scope of SCOPES) {
    if (scope in tree) throw new Error(`scope ${scope} clashes with a global key`);
    tree[scope] = JSON.parse(readFileSync(join(I18N, scope, `${language}.json`), 'utf8'));
  }
  return tree;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(html|ts)$/.test(name) && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** Keys written literally in templates and code: t('a.b'), t("a.b"), translate('a.b'). */
function keysUsedInSource(): string[] {
  const used = new Set<string>();
  for (const file of sourceFiles(join(__dirname, '../..'))) {
    for (const match of readFileSync(file, 'utf8').matchAll(
      /\b(?:t|translate)\(\s*['"]([\w.]+)['"]\s*[,)]/g,
    )) {
      used.add(match[1]);
    }
  }
  return [...used];
}

/** The `title` of every route: a key of the global file, shown by TranslatedTitleStrategy. */
function routeTitleKeys(): string[] {
  return sourceFiles(join(__dirname, '../..'))
    .filter((file) => file.endsWith('.routes.ts'))
    .flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/\btitle:\s*(['"`])(.*?)\1/g)])
    .map((match) => match[2] ?? '');
}

describe('translations', () => {
  const swedish = keysOf(load('sv')).sort();

  it.each(LANGUAGES.filter((l) => l !== 'sv'))('%s has exactly the keys Swedish has', (language) => {
    expect(keysOf(load(language)).sort()).toEqual(swedish);
  });

  it.each(LANGUAGES)('%s has no empty text', (language) => {
    const empty = Object.entries(load(language)).length === 0 ? ['(file)'] : [];
    const check = (tree: Tree, path: string): void => {
      for (const [key, value] of Object.entries(tree)) {
        if (typeof value === 'string' ? value.trim() === '' : (check(value, `${path}${key}.`), false)) {
          empty.push(`${path}${key}`);
        }
      }
    };
    check(load(language), '');
    expect(empty).toEqual([]);
  });

  it('has every key the source uses', () => {
    const used = keysUsedInSource();
    expect(used.length).toBeGreaterThan(10);
    expect(used.filter((key) => !swedish.includes(key))).toEqual([]);
  });

  it('has a page title for every route title, and no two routes share one', () => {
    const keys = routeTitleKeys();
    expect(keys.length).toBeGreaterThan(15);
    expect(keys.filter((key) => !key.startsWith('pageTitle.') || !swedish.includes(key))).toEqual([]);
    for (const language of LANGUAGES) {
      const titles = keys.map((key) =>
        key.split('.').reduce<string | Tree>((t, k) => (t as Tree)[k] as Tree, load(language)),
      );
      expect(new Set(titles).size).toBe(titles.length);
    }
  });

  it('names every care setting', () => {
    const missing = CARE_SETTINGS.map((s) => `careSetting.${s}`).filter((key) => !swedish.includes(key));
    expect(missing).toEqual([]);
  });
});
