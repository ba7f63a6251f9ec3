import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { repositoryFileUrl } from '../../plugins/common/repository-url.js';
import plugin from '../../rules/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const built = join(root, 'dist/rules/index.js');
const require = createRequire(import.meta.url);
const generatorPackage = require.resolve('eslint-doc-generator/package.json');
const generatorBin = join(
  dirname(generatorPackage),
  (require(generatorPackage) as { bin: Record<string, string> }).bin['eslint-doc-generator'],
);

describe('rule docs', () => {
  it('has one doc page per rule, and meta.docs.url points at it', () => {
    const pages = readdirSync(join(root, 'docs/rules'))
      .filter((f) => f.endsWith('.md'))
      .sort();
    expect(pages).toEqual(
      Object.keys(plugin.rules)
        .map((name) => `${name}.md`)
        .sort(),
    );
    for (const [name, rule] of Object.entries(plugin.rules)) {
      expect(rule.meta?.docs?.url).toBe(repositoryFileUrl(`docs/rules/${name}.md`));
    }
  });

  // eslint-doc-generator reads the built plugin (`npm test` builds before Vitest runs): without a build these
  // fail, on purpose, rather than skip.
  it('the build is of the current rules', async () => {
    expect(existsSync(built), 'dist/rules/index.js is missing: run npm run build').toBe(true);
    const { default: fromDist } = (await import(built)) as { default: typeof plugin };
    const metas = (p: typeof plugin): unknown =>
      JSON.parse(JSON.stringify(Object.entries(p.rules).map(([name, rule]) => [name, rule.meta])));
    expect(metas(fromDist), 'dist/rules is older than rules/: run npm run build').toEqual(metas(plugin));
  });

  it('README rules list and doc headers are what eslint-doc-generator writes (--check)', async () => {
    const run = promisify(execFile);
    const result = await run(process.execPath, [generatorBin, 'dist/rules', '--check'], { cwd: root }).catch(
      (error: { stdout: string; stderr: string }) => error,
    );
    expect(
      `${result.stdout}${result.stderr}`.trim(),
      'run `npm run build && npx eslint-doc-generator dist/rules`',
    ).toBe('');
  });
});
