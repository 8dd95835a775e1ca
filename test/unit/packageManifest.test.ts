import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const read = (file: string): unknown => JSON.parse(readFileSync(join(ROOT, file), 'utf8'));

describe('package.json localisation', () => {
  const manifest = readFileSync(join(ROOT, 'package.json'), 'utf8');
  const en = read('package.nls.json') as Record<string, string>;
  const ko = read('package.nls.ko.json') as Record<string, string>;
  const placeholders = [...manifest.matchAll(/"%([^"%]+)%"/g)].map((m) => m[1]);

  it('uses placeholders for every contributed title', () => {
    const contributes = (read('package.json') as { contributes: { commands: { title: string }[] } }).contributes;
    for (const c of contributes.commands) assert.match(c.title, /^%.+%$/, `literal title: ${c.title}`);
  });

  it('defines every placeholder in English and Korean, and nothing else', () => {
    assert.deepEqual([...new Set(placeholders)].sort(), Object.keys(en).sort());
    assert.deepEqual(Object.keys(ko).sort(), Object.keys(en).sort());
  });

  it('translates every text that is not a proper name into Hangul', () => {
    for (const [key, value] of Object.entries(ko)) {
      if (value === 'Tech Deal Atlas') continue;
      assert.match(value, /[\uac00-\ud7a3]/, `${key} is not translated: ${value}`);
    }
  });

  it('keeps command links in translated welcome texts identical to the English ones', () => {
    const links = (s: string) => [...s.matchAll(/\(command:[^)]+\)/g)].map((m) => m[0]);
    for (const key of Object.keys(en)) assert.deepEqual(links(ko[key]), links(en[key]), key);
  });
});
