// What `npm install pycache-kit` costs a user who wants the core, the Vite plugin or the Pyodide runtime: at most
// 3 other packages and 1 MB. ESLint's and webpack's helpers are optional peers, loaded only by the entry point
// that needs them, which names the package to install when it is missing.
// The declaration tests need nothing; the install test needs the build (npm test builds before Vitest runs) and
// npm's cache (it installs offline, as a user's `npm install --omit=dev <tarball>` would, minus the network).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { isMissingPackage, MissingPeerDependencyError, requirePeer } from '../../plugins/common/peer-dependency.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
interface PackageJson {
  name: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}
const readPackage = (dir: string): PackageJson => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
const pkg = readPackage(root);

const MAX_PACKAGES = 3;
const MAX_BYTES = 1024 * 1024;

/** What npm installs with a package: its dependencies, optional dependencies and non-optional peers. */
function installedWith(p: PackageJson): string[] {
  const requiredPeers = Object.keys(p.peerDependencies ?? {}).filter(
    (name) => !p.peerDependenciesMeta?.[name]?.optional,
  );
  return [...Object.keys(p.dependencies ?? {}), ...Object.keys(p.optionalDependencies ?? {}), ...requiredPeers];
}

function bytesUnder(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += bytesUnder(path);
    else if (entry.isFile()) total += statSync(path).size;
  }
  return total;
}

describe('declared dependencies', () => {
  it('every peer dependency is optional: npm installs none of them for a user who did not ask', () => {
    expect(
      Object.keys(pkg.peerDependencies ?? {}).filter((name) => !pkg.peerDependenciesMeta?.[name]?.optional),
    ).toEqual([]);
  });

  it('the runtime dependencies are the reviewed list (adding one is a decision: update this list and the footprint)', () => {
    expect(Object.keys(pkg.dependencies ?? {}).sort()).toEqual(['picomatch']);
    expect(pkg.optionalDependencies ?? {}).toEqual({});
  });

  it('ESLint helpers are an optional peer, never a dependency; the option validator needs no schema-utils', () => {
    for (const name of [
      '@typescript-eslint/utils',
      'schema-utils',
      'eslint',
      'typescript',
      'webpack',
      'vite',
      'rollup',
    ]) {
      expect(Object.keys(pkg.dependencies ?? {}), name).not.toContain(name);
    }
    expect(pkg.peerDependenciesMeta?.['@typescript-eslint/utils']?.optional).toBe(true);
    expect(Object.keys(pkg.peerDependencies ?? {})).not.toContain('schema-utils');
  });

  it(`the dependencies and everything they pull in are at most ${MAX_PACKAGES} packages and 1 MB (from this node_modules)`, () => {
    const seen = new Map<string, number>();
    const queue = installedWith(pkg);
    for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
      if (seen.has(name)) continue;
      const dir = join(root, 'node_modules', name);
      seen.set(name, bytesUnder(dir));
      queue.push(...installedWith(readPackage(dir)));
    }
    const bytes = [...seen.values()].reduce((a, b) => a + b, 0);
    expect(seen.size, [...seen.keys()].join(', ')).toBeLessThanOrEqual(MAX_PACKAGES);
    expect(bytes).toBeLessThanOrEqual(MAX_BYTES);
  });
});

describe('a missing optional peer', () => {
  it('is named, with the command that installs it', () => {
    const error = (() => {
      try {
        requirePeer('pycache-kit-no-such-package', 'pycache-kit/somewhere');
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(MissingPeerDependencyError);
    expect((error as Error).message).toBe(
      'pycache-kit/somewhere needs the package "pycache-kit-no-such-package", which is not installed: npm install --save-dev pycache-kit-no-such-package',
    );
  });

  it('is told apart from a file missing inside an installed package', () => {
    const deep = Object.assign(new Error("Cannot find module '/x/node_modules/schema-utils/dist/index.js'"), {
      code: 'MODULE_NOT_FOUND',
    });
    expect(isMissingPackage(deep, 'schema-utils')).toBe(false);
    const esm = Object.assign(new Error("Cannot find package '@typescript-eslint/utils' imported from /x/rules/a.js"), {
      code: 'ERR_MODULE_NOT_FOUND',
    });
    expect(isMissingPackage(esm, '@typescript-eslint/utils')).toBe(true);
  });
});

describe('the packed tarball installed into an empty folder (npm install --offline --omit=dev)', () => {
  const work = mkdtempSync(join(tmpdir(), 'pycache-kit-footprint-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const user = join(work, 'user');
  let installError = '';
  try {
    const tarball =
      execFileSync('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', work], {
        cwd: root,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      })
        .trim()
        .split('\n')
        .pop() ?? '';
    mkdirSync(user);
    writeFileSync(join(user, 'package.json'), '{ "name": "user", "private": true, "type": "module" }\n');
    // `npm ci` caches tarballs but not the registry documents an install resolves ranges with: fetch those of the
    // declared dependencies (the registry is reachable wherever `npm ci` ran), so the offline install can run.
    const declared = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies?: object })
      .dependencies;
    for (const [name, range] of Object.entries(declared ?? {}))
      spawnSync('npm', ['cache', 'add', `${name}@${String(range)}`], { cwd: user, encoding: 'utf8' });
    const install = spawnSync(
      'npm',
      ['install', '--offline', '--omit=dev', '--no-audit', '--no-fund', join(work, tarball)],
      { cwd: user, encoding: 'utf8' },
    );
    if (install.status !== 0) installError = `${install.stdout}${install.stderr}`;
  } catch (error) {
    installError = String(error);
  }
  // Offline, npm installs from its cache; a machine whose cache lacks a dependency cannot run this part.
  const offlineMiss = /ENOTCACHED|no cached data|offline/i.test(installError);

  it(`adds at most ${MAX_PACKAGES} other packages and 1 MB`, (ctx) => {
    if (offlineMiss) ctx.skip(`npm's cache cannot serve the dependencies offline: ${installError.split('\n')[0]}`);
    expect(installError).toBe('');
    const lock = JSON.parse(readFileSync(join(user, 'node_modules/.package-lock.json'), 'utf8')) as {
      packages: Record<string, unknown>;
    };
    const others = Object.keys(lock.packages).filter((key) => key !== '' && key !== 'node_modules/pycache-kit');
    expect(others.length, others.join(', ')).toBeLessThanOrEqual(MAX_PACKAGES);
    const bytes = bytesUnder(join(user, 'node_modules')) - bytesUnder(join(user, 'node_modules/pycache-kit'));
    expect(bytes).toBeLessThanOrEqual(MAX_BYTES);
  });

  it('the core, the Vite plugin, the runtime and the webpack entries load without any peer; the ESLint and loader entries name the missing one', (ctx) => {
    if (offlineMiss) ctx.skip(`npm's cache cannot serve the dependencies offline: ${installError.split('\n')[0]}`);
    expect(installError).toBe('');
    const script = `
      const out = {};
      for (const entry of ['pycache-kit', 'pycache-kit/light', 'pycache-kit/vite', 'pycache-kit/pyodide', 'pycache-kit/webpack', 'pycache-kit/webpack-loader', 'pycache-kit/eslint']) {
        try { await import(entry); out[entry] = 'ok'; } catch (error) { out[entry] = error.message; }
      }
      const { default: pycache } = await import('pycache-kit/vite');
      out.vitePlugin = pycache({ python: '3.12' }).name;
      const { default: loader } = await import('pycache-kit/webpack-loader');
      out.loader = await new Promise((resolve) => {
        const done = (error, content) => resolve(error ? error.message : content.startsWith('export default "a";') ? 'ok' : String(content));
        const context = { cacheable() {}, emitWarning() {}, addDependency() {}, async: () => done, resourcePath: '/p/a.py', rootContext: '/p', getOptions: () => ({}), _module: { buildInfo: {} } };
        try { loader.call(context, new Uint8Array([97])); } catch (error) { resolve(error.message); }
      });
      console.log(JSON.stringify(out));`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: user, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({
      'pycache-kit': 'ok',
      'pycache-kit/light': 'ok',
      'pycache-kit/vite': 'ok',
      'pycache-kit/pyodide': 'ok',
      'pycache-kit/webpack': 'ok',
      'pycache-kit/webpack-loader': 'ok',
      'pycache-kit/eslint':
        'pycache-kit/eslint needs the package "@typescript-eslint/utils", which is not installed: npm install --save-dev @typescript-eslint/utils',
      vitePlugin: 'pycache-kit',
      loader: 'ok',
    });
  });
});
