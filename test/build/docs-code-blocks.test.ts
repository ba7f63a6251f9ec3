// Every code block of README.md and docs/*.md, read at test time, is run against the built package, so the
// docs cannot drift from the code:
// - js/ts blocks that run in Node are executed (TypeScript transpiled first); a line `expr; // 'value'` (or
//   `// … → 'value'`) must give that value, and `expr; // throws Name: message` must throw it;
// - config blocks (first line `// vite.config.js`, `// webpack.config.js`, `// eslint.config.js`) are imported
//   and must export a config object;
// - browser code (import.meta.glob/hot, `.py` imports, `virtual:pycache-manifest`, `document`) is type-checked
//   with strict TypeScript against the published declarations (vite/client + pycache-kit/vite-client); a block
//   whose first line names a file (`// main.js`) is written under that name, so blocks of one page import
//   each other;
// - json blocks must parse; a manifest must fit docs/manifest.schema.json and, when the text before it names the
//   `pycache-kit manifest …` command that printed it, equal that command's output (its first modules);
// - `text` blocks are output samples, not code; a block marked `no-run` must say why on its first line
//   (`# no-run: …` or `// no-run: …`). Any other block fails the test.
// Needs the build (npm test builds before Vitest runs): blocks import `pycache-kit` as a user would.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { validate } from 'schema-utils';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const DOC_FILES = [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `docs/${name}`),
];

interface Block {
  file: string;
  line: number;
  lang: string;
  flags: string[];
  code: string;
  /** The prose just before the block. */
  before: string;
}

function blocksOf(file: string): Block[] {
  const lines = readFileSync(join(root, file), 'utf8').split('\n');
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)\s*(.*)$/.exec(lines[i]);
    if (!open) continue;
    const end = lines.findIndex((text, k) => k > i && /^```\s*$/.test(text));
    if (end < 0) throw new Error(`${file}:${i + 1}: unclosed code block`);
    blocks.push({
      file,
      line: i + 1,
      lang: open[1],
      flags: open[2].split(/\s+/).filter(Boolean),
      code: lines.slice(i + 1, end).join('\n'),
      before: lines.slice(Math.max(0, i - 3), i).join('\n'),
    });
    i = end;
  }
  return blocks;
}

const blocks = DOC_FILES.flatMap(blocksOf);
const BROWSER =
  /import\.meta\.(glob|hot|webpackContext)|\bdocument\.|from '\.\/[^']*\.pyw?'|virtual:pycache-manifest|from '\.\//;
const CONFIG = /^\/\/ (vite|webpack|eslint)\.config\.js\b/;
const isScript = (block: Block) => block.lang === 'js' || block.lang === 'ts';
const label = (block: Block) => `${block.file}:${block.line}`;

const work = mkdtempSync(join(root, '.docs-blocks-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** `expr; // 'value'`, `expr; // … → 'value'` and `expr; // throws Name: message` become checks. */
function withAssertions(code: string): string {
  const checks = code.split('\n').map((text, index) => {
    const m = /^(?!\s*(?:const|let|var|import|export|await)\b)(\s*)(.+?);\s*\/\/\s*(.*)$/.exec(text);
    if (!m) return text;
    const [, indent, expr, comment] = m;
    const thrown = /^throws (\w+): (.*)$/.exec(comment);
    if (thrown)
      return `${indent}__throws(() => (${expr}), ${JSON.stringify(thrown[1])}, ${JSON.stringify(thrown[2])}, ${index + 1});`;
    const value = /(?:^|→\s*)('(?:[^'\\]|\\.)*')\s*$/.exec(comment);
    if (value) return `${indent}__equals(${expr}, ${value[1]}, ${index + 1});`;
    return text;
  });
  const helpers = [
    'function __equals(actual, expected, line) { if (actual !== expected) throw new Error(`line ${line}: got ${JSON.stringify(actual)}, the doc says ${JSON.stringify(expected)}`); }',
    'function __throws(run, name, message, line) { try { run(); } catch (e) { if (e.name === name && e.message === message) return; throw new Error(`line ${line}: threw ${e.name}: ${e.message}, the doc says ${name}: ${message}`); } throw new Error(`line ${line}: did not throw ${name}`); }',
  ];
  return `${checks.join('\n')}\n${helpers.join('\n')}\n`;
}

function toJs(block: Block, code: string): string {
  if (block.lang === 'js') return code;
  return ts.transpileModule(code, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false },
  }).outputText;
}

function runNode(file: string): string {
  const run = spawnSync(process.execPath, [file], { cwd: dirname(file), encoding: 'utf8', timeout: 60_000 });
  return run.status === 0 ? '' : `exit ${run.status}: ${run.stderr.trim().split('\n').slice(0, 6).join('\n')}`;
}

describe('docs code blocks', () => {
  it('the build exists (blocks import pycache-kit as a user would)', () => {
    expect(existsSync(join(root, 'dist/src/index.js')), 'run npm run build').toBe(true);
  });

  it('every block has a language this test runs, and a no-run block says why', () => {
    const bad = blocks.filter((block) => {
      if (block.flags.includes('no-run')) return !/^(#|\/\/) no-run: \S/.test(block.code);
      return !['js', 'ts', 'json', 'text'].includes(block.lang);
    });
    expect(bad.map((block) => `${label(block)} \`\`\`${block.lang} ${block.flags.join(' ')}`)).toEqual([]);
  });

  const runnable = blocks.filter((block) => isScript(block) && !block.flags.includes('no-run'));

  for (const block of runnable.filter((b) => CONFIG.test(b.code))) {
    it(`${label(block)}: the config imports and exports a config`, async () => {
      const file = join(work, `${label(block).replace(/[^\w]/g, '_')}.config.mjs`);
      writeFileSync(file, toJs(block, block.code));
      const config = (await import(pathToFileURL(file).href)).default;
      expect(typeof config).toBe('object');
      expect(config).not.toBeNull();
    });
  }

  for (const block of runnable.filter((b) => !CONFIG.test(b.code) && !BROWSER.test(b.code))) {
    it(`${label(block)}: runs in Node and gives the values it shows`, () => {
      const file = join(work, `${label(block).replace(/[^\w]/g, '_')}.mjs`);
      writeFileSync(file, toJs(block, withAssertions(block.code)));
      expect(runNode(file)).toBe('');
    });
  }

  const browser = runnable.filter((b) => !CONFIG.test(b.code) && BROWSER.test(b.code));
  it(`${browser.length} browser blocks type-check against the published declarations (strict)`, () => {
    expect(browser.length).toBeGreaterThan(0);
    const files: string[] = [];
    for (const block of browser) {
      const named = /^\/\/ ([\w.-]+)\.(?:js|ts|mjs)\b/.exec(block.code);
      const dir = join(work, 'browser', block.file.replace(/[^\w]/g, '_'));
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `${named ? named[1] : `block-${block.line}`}.ts`);
      const header =
        '/// <reference types="vite/client" />\n/// <reference path="../../../client.d.ts" />\n/// <reference path="../../../vite-client.d.ts" />\n';
      writeFileSync(file, `${header}${block.code}\nexport {};\n`);
      files.push(file);
    }
    writeFileSync(
      join(work, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          target: 'ES2022',
          module: 'ESNext',
          moduleResolution: 'bundler',
          lib: ['ES2023', 'DOM'],
          types: [],
          skipLibCheck: true,
        },
        files,
      }),
    );
    const run = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', work], {
      encoding: 'utf8',
    });
    // Name the doc and line of each error rather than the temporary file.
    const output = run.stdout.replace(
      /^.*browser\/(\w+)\/([\w.-]+)\.ts\((\d+),\d+\)/gm,
      (_m, doc: string, name: string, line: string) => `${doc} ${name} line ${Number(line) - 3}`,
    );
    expect(output.trim()).toBe('');
  });

  const schema = JSON.parse(readFileSync(join(root, 'docs/manifest.schema.json'), 'utf8'));
  for (const block of blocks.filter((b) => b.lang === 'json' && !b.flags.includes('no-run'))) {
    it(`${label(block)}: parses; a manifest fits the schema and equals the command's output it shows`, () => {
      const value = JSON.parse(block.code) as { format?: string; modules?: unknown[] };
      if (value.format !== 'pycache-manifest@1') return;
      validate(schema, value, { name: label(block) });
      const command = /`pycache-kit (manifest [^`]+)`/.exec(block.before);
      if (!command) return;
      const printed = JSON.parse(
        execFileSync(process.execPath, [join(root, 'dist/cli/pycache-kit.js'), ...command[1].split(' ')], {
          cwd: root,
          encoding: 'utf8',
        }),
      ) as { modules: unknown[] };
      expect(value).toEqual({ ...printed, modules: printed.modules.slice(0, value.modules?.length ?? 0) });
    });
  }
});
