/**
 * The hub's outbound leg is the shared one of `packages/xroad` (relay.ts); URLs configured as
 * paths are resolved against this sandbox server.
 */
export { callProvider, type ProviderCall, type ProviderResult } from '../../../packages/xroad/index.ts';

/** A URL as configured: absolute, or a path on this sandbox server (undefined until the server has started). */
export function resolveUrl(serverRoot: string | undefined, url: string): string | undefined {
  if (!url.startsWith('/')) return url;
  return serverRoot && `${serverRoot}${url}`;
}
