/// <reference types="pycache-kit/client" />
/// <reference types="pycache-kit/vite" />
// Types for browser code of a Vite app that uses pycache-kit/vite: everything pycache-kit/client declares, plus
// the `pycache:update` HMR event of `import.meta.hot.on` (pycache-kit/vite's declarations add it to Vite's
// CustomEventMap: an augmentation must live in a module, and this file is a script).
// Use with `"types": ["vite/client", "pycache-kit/vite-client"]` in tsconfig.json.
