// client.d.ts as a user meets it: a temporary project whose node_modules/pycache-kit is this package (built),
// with `"types": ["pycache-kit/client", "vite/client"]`, type-checks test/types/consumer.ts, test/types/negative.ts
// (@ts-expect-error lines, so nothing is `any`) and fixtures/apps/ts-consumer/hmr.ts (the pycache:update event).
// The project's own `npm run typecheck` checks test/types against the source too.
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { appsDir, repoRoot } from '../helpers/vite-fixtures.js';

const built = existsSync(join(repoRoot, 'dist', 'plugins', 'vite.d.ts'));

/** A temporary project whose node_modules/pycache-kit is this package's built type files, with `packages` beside it. */
function consumerProject(packages: (name: string) => boolean): string {
  const project = mkdtempSync(join(tmpdir(), 'pycache-types-'));
  // An installed copy of the package's type files (a symlink would make TypeScript resolve from the repo).
  const installed = join(project, 'node_modules', 'pycache-kit');
  mkdirSync(installed, { recursive: true });
  for (const file of ['package.json', 'client.d.ts', 'vite-client.d.ts'])
    copyFileSync(join(repoRoot, file), join(installed, file));
  cpSync(join(repoRoot, 'dist'), join(installed, 'dist'), {
    recursive: true,
    filter: (from) => !/\.(js|map)$/.test(from),
  });
  for (const name of readdirSync(join(repoRoot, 'node_modules'))) {
    if (name !== '.bin' && !name.startsWith('.') && packages(name))
      symlinkSync(join(repoRoot, 'node_modules', name), join(project, 'node_modules', name), 'dir');
  }
  writeFileSync(join(project, 'package.json'), '{ "type": "module" }\n');
  return project;
}

/** tsc's output for `project` with these compiler options and files ('' when it type-checks). */
function typeCheck(project: string, compilerOptions: Record<string, unknown>, files: Record<string, string>): string {
  writeFileSync(
    join(project, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        noEmit: true,
        lib: ['ES2023', 'DOM'],
        ...compilerOptions,
      },
      files: Object.keys(files),
    }),
  );
  for (const [name, from] of Object.entries(files)) copyFileSync(from, join(project, name));
  try {
    execFileSync(process.execPath, [join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', project], {
      encoding: 'utf8',
      cwd: project,
    });
    return '';
  } catch (error) {
    return String((error as { stdout?: string }).stdout);
  }
}

it('types *.py, *.pyw, virtual:pycache-manifest and pycache:update for a Vite consumer (needs npm run build)', () => {
  expect(built, 'dist/plugins/vite.d.ts is missing: run npm run build').toBe(true);
  const project = consumerProject(() => true);
  const output = typeCheck(
    project,
    { skipLibCheck: true, types: ['pycache-kit/vite-client', 'vite/client', 'node'] },
    {
      'consumer.ts': join(repoRoot, 'test/types/consumer.ts'),
      'negative.ts': join(repoRoot, 'test/types/negative.ts'),
      'hmr.ts': join(appsDir, 'ts-consumer/hmr.ts'),
    },
  );
  expect(output).toBe('');
});

it('pycache-kit/client needs no Vite: a webpack consumer type-checks without vite and without skipLibCheck', () => {
  expect(built, 'dist/plugins/webpack/plugin.d.ts is missing: run npm run build').toBe(true);
  // What a webpack project has: pycache-kit's own dependencies, Node's types (its config runs in Node), no Vite.
  const project = consumerProject((name) =>
    ['typescript', '@rollup', 'estree-walker', 'picomatch', 'schema-utils', '@types', 'undici-types'].includes(name),
  );
  expect(existsSync(join(project, 'node_modules', 'vite'))).toBe(false);
  const output = typeCheck(
    project,
    { skipLibCheck: false, types: ['pycache-kit/client', 'node'] },
    {
      'consumer.ts': join(appsDir, 'ts-consumer/webpack.ts'),
    },
  );
  expect(output).toBe('');
});

it('pycache-kit/vite-client type-checks without skipLibCheck in a browser app with no @types/node installed', () => {
  expect(built, 'dist/plugins/vite.d.ts is missing: run npm run build').toBe(true);
  // preserveSymlinks: the linked packages must not find this repository's own @types/node.
  const project = consumerProject((name) => name !== '@types');
  const output = typeCheck(
    project,
    {
      skipLibCheck: false,
      preserveSymlinks: true,
      module: 'ESNext',
      moduleResolution: 'bundler',
      types: ['vite/client', 'pycache-kit/vite-client'],
    },
    {
      'consumer.ts': join(repoRoot, 'test/types/consumer.ts'),
      'hmr.ts': join(appsDir, 'ts-consumer/hmr.ts'),
    },
  );
  expect(output).toBe('');
});
