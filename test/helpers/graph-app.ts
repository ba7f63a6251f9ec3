// fixtures/graph-app: a Python tree with every import form the `entries` graph follows, and what it keeps from
// `entries: ['app']` with `include: ['plugins.*']` (the graph test reads it from the parse, the bundle tests from the
// builds' manifests; the bundle test also imports them all in Pyodide, which finds the same modules).
import { fileURLToPath } from 'node:url';

/** The fixture's folder (its Python root is `py/`). */
export const GRAPH_APP = fileURLToPath(new URL('../../fixtures/graph-app/', import.meta.url));

/** The modules kept, sorted. */
export const GRAPH_APP_KEPT: readonly string[] = [
  'app',
  'app.bad_relative',
  'app.conditional',
  'app.core',
  'app.core.engine',
  'app.dunder',
  'app.dyn',
  'app.dyn_abs',
  'app.in_class',
  'app.late',
  'app.ns_pkg.portion',
  'app.sub',
  'app.sub.deep',
  'app.sub.deep.leaf',
  'app.sub.sibling',
  'app.util',
  'plugins',
  'plugins.a',
  'plugins.b',
];
