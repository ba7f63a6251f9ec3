#!/usr/bin/env node
// `npm run demo`: builds examples/pyodide-app with Vite and with webpack (entries, stdlib, archive, pyodide,
// precompiled bytecode), runs each build in headless Chromium and prints what the page showed. `--compare` also runs builds without bytecode.
// Exit code 1 when a page failed, showed a wrong result, or compiled a bundled module at run time.
import { buildAndRun, missingPrerequisite } from './example-app.mjs';

const compare = process.argv.includes('--compare');
const bundlers = process.argv.filter((arg) => arg === 'vite' || arg === 'webpack');

const missing = missingPrerequisite();
if (missing) {
  console.error(`demo: cannot run: ${missing}`);
  process.exit(1);
}

let failed = false;
for (const bundler of bundlers.length ? bundlers : ['vite', 'webpack']) {
  for (const precompile of compare ? [true, false] : [true]) {
    const label = `${bundler}${precompile ? ' + precompiled bytecode' : ', sources only'}`;
    console.log(`\n== ${label} ==`);
    const started = Date.now();
    const run = await buildAndRun(bundler, { precompile });
    console.log(`built and served at ${run.url} (${Date.now() - started} ms in all)`);
    console.log(indent(run.text));
    if (run.status !== 'done' || !run.report) {
      failed = true;
      console.log(`page failed; browser console:\n${indent(run.console.join('\n'))}`);
      continue;
    }
    const { report } = run;
    const fromBytecode = report.modules.filter((m) => m.from === 'bytecode').length;
    console.log(
      `-> ${report.modules.length} modules imported in ${report.timings.importMs} ms: ${fromBytecode} from .pyc, ` +
        `${report.compiledAtRunTime.length} compiled in the page (Python ${report.manifest.python.version}, ${report.manifest.python.cacheTag})`,
    );
    console.log(
      `-> Pyodide from ${report.pyodideFrom.source} (stdLibURL ${report.pyodideFrom.stdLibURL ?? 'none'}); ` +
        `${report.installed.requests} requests for the Python part; stdlib: ${report.stdlib.modules} modules, ` +
        `${report.stdlib.fromBytecode} from .pyc, ${report.stdlib.fromSource.length} compiled from source, ${report.stdlib.frozen} frozen; ` +
        `compile events after startup: ${report.compileEvents.length}`,
    );
    if (run.external.length > 0) {
      failed = true;
      console.log(`!! the page requested other origins (no CDN is allowed): ${run.external.join(', ')}`);
    }
    if (precompile && (report.compiledAtRunTime.length > 0 || fromBytecode !== report.manifest.modules.length)) {
      failed = true;
      console.log('!! expected every bundled module to load from its .pyc');
    }
    // The stdlib is compiled at build time either way (option stdlib): nothing, Pyodide's startup included,
    // may compile in the page.
    if (report.stdlib.fromSource.length > 0 || (precompile && report.compileEvents.length > 0)) {
      failed = true;
      console.log(`!! compiled in the page: ${[...report.stdlib.fromSource, ...report.compileEvents].join(', ')}`);
    }
  }
}
process.exit(failed ? 1 : 0);

function indent(text) {
  return text
    .split('\n')
    .map((line) => `   ${line}`)
    .join('\n');
}
