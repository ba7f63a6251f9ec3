// In an app: `"types": ["vite/client", "pycache-kit/vite-client"]`. Inside the pycache-kit repository the package
// is not in node_modules, so the client types are referenced by path.
/// <reference types="vite/client" />
// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- ambient module declarations, not importable
/// <reference path="../../client.d.ts" />
