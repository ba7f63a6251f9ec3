// Builds examples/pyodide-app with Vite or webpack, serves a build on 127.0.0.1 and runs it in headless
// Chromium (Debian's /usr/bin/chromium through playwright-core). Used by scripts/demo.mjs and test/e2e*.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const PROJECT = fileURLToPath(new URL('..', import.meta.url));
export const EXAMPLE = join(PROJECT, 'examples', 'pyodide-app');
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Why the example cannot be built or run here, or undefined when it can. */
export function missingPrerequisite() {
  if (!existsSync(join(PROJECT, 'dist', 'plugins', 'vite.js'))) return 'the project is not built (run `npm run build`)';
  if (!existsSync(CHROMIUM)) return `${CHROMIUM} is missing (install Debian's chromium: .ci/install-chromium.sh)`;
  return undefined;
}

/**
 * Builds the example with `bundler` ('vite' or 'webpack') into examples/pyodide-app/dist/<bundler>;
 * `precompile: false` builds it without bytecode. Returns the output folder.
 */
export async function buildExample(bundler, { precompile = true } = {}) {
  const previous = process.env.EXAMPLE_PRECOMPILE;
  process.env.EXAMPLE_PRECOMPILE = precompile ? '1' : '0';
  try {
    if (bundler === 'vite') {
      const { build } = await import('vite');
      await build({ configFile: join(EXAMPLE, 'vite.config.mjs'), logLevel: 'warn' });
    } else if (bundler === 'webpack') {
      const { default: webpack } = await import('webpack');
      // A fresh copy of the config module, so it reads EXAMPLE_PRECOMPILE again.
      const configUrl = `${pathToFileURL(join(EXAMPLE, 'webpack.config.js')).href}?build=${Date.now()}`;
      const { default: config } = await import(configUrl);
      const stats = await new Promise((resolve, reject) => {
        const compiler = webpack(config);
        compiler.run((error, result) => compiler.close(() => (error ? reject(error) : resolve(result))));
      });
      if (stats.hasErrors())
        throw new Error(
          `webpack build of the example failed:\n${stats.toString({ all: false, errors: true, errorDetails: true })}`,
        );
    } else {
      throw new TypeError(`unknown bundler ${JSON.stringify(bundler)}: use 'vite' or 'webpack'`);
    }
  } finally {
    if (previous === undefined) delete process.env.EXAMPLE_PRECOMPILE;
    else process.env.EXAMPLE_PRECOMPILE = previous;
  }
  return join(EXAMPLE, 'dist', bundler);
}

/** Content types of the files a built Python page serves (the demo, the tests' servers, the page bench). */
export const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.zip': 'application/zip',
  '.whl': 'application/zip',
  '.py': 'text/x-python',
  '.pyc': 'application/octet-stream',
  '.css': 'text/css',
  '.map': 'application/json',
};

/** Serves `dir` on 127.0.0.1 (a free port) as plain static files (`onRequest` sees each decoded path); resolves to `{ url, close }`. */
export async function serveStatic(dir, { onRequest } = {}) {
  const root = normalize(dir + sep);
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    onRequest?.(path);
    const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    res
      .writeHead(200, { 'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' })
      .end(readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(resolve)) };
}

/**
 * Opens `url` in headless Chromium with a fresh profile, waits for the page to finish (body[data-status]
 * 'done' or 'error') and returns `{ status, report, text, console, external }`: the page's JSON report, its
 * visible text, the browser console lines and the URLs it requested from any other origin.
 */
export async function runInBrowser(url, { timeoutMs = 120_000 } = {}) {
  const { context, close } = await launchChromium('pycache-demo-chromium');
  const consoleLines = [];
  // Every request that leaves the page's own server (a CDN, say): the app must need none.
  const external = [];
  const origin = new URL(url).origin;
  context.on('request', (request) => {
    const target = new URL(request.url());
    if (
      (target.protocol === 'http:' ||
        target.protocol === 'https:' ||
        target.protocol === 'ws:' ||
        target.protocol === 'wss:') &&
      target.origin !== origin
    )
      external.push(request.url());
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (message) => consoleLines.push(`${message.type()}: ${message.text()}`));
    page.on('pageerror', (error) => consoleLines.push(`pageerror: ${error.message}`));
    await page.goto(url, { timeout: timeoutMs });
    await page.waitForSelector('body[data-status="done"], body[data-status="error"]', { timeout: timeoutMs });
    const status = await page.getAttribute('body', 'data-status');
    const report = JSON.parse((await page.textContent('#report')) || 'null');
    const text = await page.innerText('body');
    return { status, report, text, console: consoleLines, external };
  } finally {
    await close();
  }
}

/**
 * Headless Debian Chromium (never a downloaded browser) with a fresh profile named after `name`: resolves to
 * `{ context, close }`; `close` closes the browser and removes the profile.
 */
export async function launchChromium(name = 'pycache-chromium') {
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), `${name}-`));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Builds with `bundler`, serves and runs the page; resolves to runInBrowser's answer plus `url`, `dir`. */
export async function buildAndRun(bundler, options = {}) {
  const dir = await buildExample(bundler, options);
  const server = await serveStatic(dir);
  try {
    return { ...(await runInBrowser(server.url, options)), url: server.url, dir };
  } finally {
    await server.close();
  }
}
