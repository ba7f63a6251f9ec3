// Minified + gzipped size of what a browser would load for an entry module's code: every chunk Rolldown makes
// of it (the entry, and the chunks of its dynamic imports), as a bundler would ship them.
import { gzipSync } from 'node:zlib';
import { rolldown } from 'rolldown';

/** `{ min, gz }` of the entry chunk, and `lazy`: the same for the chunks only dynamic imports reach. */
export async function bundleSize(entryCode) {
  const bundle = await rolldown({
    input: 'entry',
    plugins: [{ name: 'entry', resolveId: (id) => (id === 'entry' ? id : null), load: (id) => (id === 'entry' ? entryCode : null) }],
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
