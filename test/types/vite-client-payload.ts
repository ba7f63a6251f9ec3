// vite-client.d.ts spells out the pycache:update payload so that it needs no Vite or Node types; this keeps it
// equal to the plugin's (checked by `npm run typecheck`, which includes test/).
import type { PycacheUpdatePayload as PluginPayload } from '../../plugins/vite.js';
import type { PycacheUpdatePayload as ClientPayload } from '../../vite-client.js';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

export const payloadsAreEqual: Equal<ClientPayload, PluginPayload> = true;
