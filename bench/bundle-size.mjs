// Minified + gzipped size of what a browser would load for an entry module's code: every chunk Rolldown makes
// of it (the entry, and the chunks of its dynamic imports), as a bundler would ship them.
import { gzipSync } from 'node:zlib';
import { rolldown } from 'rolldown';
import { minifySync } from 'rolldown/utils';

function entryPlugin(entryCode) {
  return {
    name: 'entry',
    resolveId: (id) => (id === 'entry' ? id : null),
    load: (id) => (id === 'entry' ? entryCode : null),
  };
}

/** `{ min, gz }` of the entry chunk, and `lazy`: the same for the chunks only dynamic imports reach. */
export async function bundleSize(entryCode) {
  const bundle = await rolldown({
    input: 'entry',
    plugins: [entryPlugin(entryCode)],
    logLevel: 'silent',
  });
  const { output } = await bundle.generate({ format: 'esm', minify: true });
  const size = (chunks) => {
    const code = chunks.map((c) => c.code).join('');
    return { min: code.length, gz: chunks.reduce((n, c) => n + gzipSync(c.code, { level: 9 }).length, 0) };
  };
  const chunks = output.filter((o) => o.type === 'chunk');
  return { ...size(chunks.filter((c) => c.isEntry)), lazy: size(chunks.filter((c) => !c.isEntry)) };
}

/**
 * What each module of the entry's bundle adds to its gzipped size: the bundle is cut at Rolldown's per-module
 * comments, each piece minified, and each module's share is the gzip size of all pieces minus that of all but
 * it (gzip shares strings across modules, so the shares do not add up to the total exactly).
 * Returns `[[module path relative to dist/src, bytes], ...]`, largest first.
 */
export async function moduleShares(entryCode) {
  const bundle = await rolldown({ input: 'entry', plugins: [entryPlugin(entryCode)], logLevel: 'silent' });
  const { output } = await bundle.generate({ format: 'esm', minify: false });
  const code = output.find((o) => o.type === 'chunk' && o.isEntry).code;
  // Rolldown heads each module's code with a `// dist/src/name.js` line.
  const pieces = code.split(/^(?=\/\/ dist\/)/m).filter((p) => p.startsWith('// dist/'));
  if (pieces.length === 0)
    throw new Error('moduleShares: no per-module comments in the bundle (has Rolldown changed its output?)');
  const minified = pieces.map((p) => ({
    name: /^\/\/ (\S+)/.exec(p)[1].replace(/^.*?dist\/src\//, ''),
    code: minifySync('piece.js', p, { module: true, compress: false }).code,
  }));
  const gz = (list) => gzipSync(list.map((m) => m.code).join(''), { level: 9 }).length;
  const all = gz(minified);
  return minified.map((m) => [m.name, all - gz(minified.filter((o) => o !== m))]).sort((a, b) => b[1] - a[1]);
}
