import type { FastifyHelmetOptions } from '@fastify/helmet';

/**
 * The one Content-Security-Policy of the platform (web app, API, API docs, sign-in pages):
 * scripts only from our own origin (no inline script; oidc-provider adds a hash for the one it
 * writes itself, the form_post page), nothing may frame a page (clickjacking of the sign-in
 * page), forms post only to us. Inline styles are allowed: Mantine writes its CSS variables into
 * a <style> element at run time and the server-rendered sign-in pages carry their own <style>.
 */
export function securityHeaders(publicUrl: string): FastifyHelmetOptions {
  const https = new URL(publicUrl).protocol === 'https:';
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        ...(https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    // Only over https: a browser that saw HSTS on http://localhost would refuse plain http there for a year.
    strictTransportSecurity: https ? { maxAge: 365 * 24 * 60 * 60, includeSubDomains: true } : false,
  };
}
