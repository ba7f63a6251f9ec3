// Importing each .py puts it in the bundle: the plugin lists it in the manifest, emits the file and
// (with precompile) its .pyc. The default export is the text CPython decodes the file to.
import shop from './python/shop/__init__.py';
import labels from './python/shop/labels.py';
import pricing from './python/shop/pricing.py';
import report from './python/shop/report.py';
import units from './python/shop/units/__init__.py';
import convert from './python/shop/units/convert.py';

/** The decoded text of every bundled module, by file. */
export const pythonSources: Record<string, string> = {
  'shop/__init__.py': shop,
  'shop/labels.py': labels,
  'shop/pricing.py': pricing,
  'shop/report.py': report,
  'shop/units/__init__.py': units,
  'shop/units/convert.py': convert,
};

// An edited .py reaches Python through the pycache:update event (main.ts); re-running this module is all
// the JavaScript side needs, so the page is not reloaded (Vite dev server only).
if (import.meta.hot) import.meta.hot.accept();
