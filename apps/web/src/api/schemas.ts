// The API's named types, straight from the generated schema (`npm run openapi` writes schema.d.ts
// from openapi.json): `Schema<'Dossier'>` is the server's `Dossier` component.
import type { components, paths } from './schema.d.ts';

export type { paths };
export type Schema<N extends keyof components['schemas']> = components['schemas'][N];
