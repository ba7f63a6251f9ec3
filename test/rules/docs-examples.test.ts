// Every code block of the rule docs (docs/rules/*.md) is run: an "Incorrect" block must make its rule report, a
// "Correct" block must not (under the settings the label names), a config block must be a config the plugin
// accepts. So the docs cannot drift from what the rules do.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../../rules/index.js';

const docs = fileURLToPath(new URL('../../docs/rules/', import.meta.url));

interface Block {
  rule: string;
  label: string;
  code: string;
  line: number;
}

/** The ```js blocks of a rule's page, each with the last non-blank line before it (its label). */
function blocks(file: string): Block[] {
  const rule = file.replace(/\.md$/, '');
  const lines = readFileSync(join(docs, file), 'utf8').split('\n');
  const out: Block[] = [];
  let label = '';
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].startsWith('```js')) {
      const end = lines.indexOf('```', i + 1);
      out.push({ rule, label, code: lines.slice(i + 1, end).join('\n'), line: i + 1 });
      i = end;
    } else if (lines[i].trim() !== '') {
      label = lines[i];
    }
  }
  return out;
}

/** The rule's reports on `code`, as ESLint gives them to a user of the plugin with `settings`. */
function reports(rule: string, code: string, settings: Record<string, unknown>): Linter.LintMessage[] {
  const linter = new Linter({ configType: 'flat' });
  const config: Linter.Config[] = [
    {
      plugins: { pycache: plugin as never },
      rules: { [`pycache/${rule}`]: 'error' },
      settings,
      languageOptions: { ecmaVersion: 'latest', sourceType: 'module' },
    },
  ];
  return linter.verify(code, config, 'example.js');
}

const all = readdirSync(docs)
  .filter((f) => f.endsWith('.md'))
  .flatMap(blocks);

describe('rule docs: every example does what its label says', () => {
  it('finds the examples (an Incorrect and a Correct block per rule)', () => {
    for (const rule of Object.keys(plugin.rules)) {
      const own = all.filter((b) => b.rule === rule);
      expect(own.filter((b) => b.label.startsWith('Incorrect')).length, rule).toBeGreaterThan(0);
      expect(own.filter((b) => b.label.startsWith('Correct')).length, rule).toBeGreaterThan(0);
    }
  });

  for (const block of all) {
    const python = /with `python: '([^']+)'`/.exec(block.label)?.[1];
    const settings = python === undefined ? {} : { pycache: { python } };
    if (block.label.startsWith('Incorrect')) {
      it(`${block.rule}.md:${block.line}: "Incorrect" is reported`, () => {
        const found = reports(block.rule, block.code, settings);
        expect(found.filter((m) => m.fatal)).toEqual([]);
        expect(found.filter((m) => m.ruleId === `pycache/${block.rule}`).length).toBeGreaterThan(0);
      });
    } else if (block.label.startsWith('Correct')) {
      it(`${block.rule}.md:${block.line}: "Correct" is not`, () => {
        expect(reports(block.rule, block.code, settings)).toEqual([]);
      });
    } else {
      // A configuration: an ESLint config array or object the plugin's rules accept.
      it(`${block.rule}.md:${block.line}: the configuration is valid`, async () => {
        const code = block.code.replace(/^\/\/ eslint\.config\.js\n/, '');
        const value = code.includes('export default')
          ? (
              (await import(
                `data:text/javascript,${encodeURIComponent(code.replace("from 'pycache-kit/eslint'", `from ${JSON.stringify(new URL('../../dist/rules/index.js', import.meta.url).href)}`))}`
              )) as { default: unknown }
            ).default
          : (new Function(`return (${code});`)() as unknown);
        const configs = (Array.isArray(value) ? value : [value]) as Linter.Config[];
        const linter = new Linter({ configType: 'flat' });
        // The page's own import brings the built plugin; a bare rules block gets the plugin added.
        const withPlugin = configs.some((c) => c.plugins?.pycache)
          ? configs
          : [{ plugins: { pycache: plugin as never } }, ...configs];
        expect(linter.verify('export {};\n', withPlugin, 'x.js').filter((m) => m.fatal)).toEqual([]);
      });
    }
  }
});
