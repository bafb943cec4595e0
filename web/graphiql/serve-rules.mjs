// How a server serves the built page: the config block's text and the Content-Security-Policy. This is the reference
// for the GraphQL Lambda's Java code (GraphiQlPage follows it; GraphiQlPageTest checks it) and is used by dev-server.mjs and by
// check.mjs, so the rules live in one place on this side.
import { createHash } from 'node:crypto';

/**
 * The JSON that replaces the placeholder inside <script type="application/json">: every "<" is written as \u003c
 * (so no "</script" or "<!--" can end or bend the element), and U+2028/U+2029 escaped as well. JSON.parse reads it back
 * unchanged.
 */
export function configBlock(config) {
  return JSON.stringify(config)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** The origins the page talks to besides its own: the absolute URLs of the config (relative ones are 'self'). */
export function connectOrigins(config) {
  const urls = [config.graphqlUrl, config.graphqlWsUrl, config.cognito?.endpoint].filter(Boolean);
  const origins = urls.filter((url) => /^[a-z][a-z0-9+.-]*:\/\//i.test(url)).map((url) => new URL(url).origin);
  return [...new Set(origins)];
}

/**
 * The page's policy: its one inline script by hash (no other script can run), Monaco's workers from blob: URLs, fonts
 * and images from data: URLs inside the stylesheet, requests to its own origin and the configured endpoints only.
 * Styles are 'unsafe-inline': Monaco writes <style> elements at run time and renders its lines through innerHTML with
 * style attributes, which neither a hash nor a nonce can cover. A style cannot run code or send a request (img-src
 * and font-src allow data: only, connect-src the endpoints only), so what is left is restyling the page.
 */
export function contentSecurityPolicy(manifest, config) {
  return [
    "default-src 'none'",
    `script-src ${manifest.scriptHashes.join(' ')}`,
    "style-src 'unsafe-inline'",
    'worker-src blob:',
    'img-src data:',
    'font-src data:',
    ["connect-src 'self'", ...connectOrigins(config)].join(' '),
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * The page's ETag: it changes with the build (the manifest's hash of the page's inputs) or the config, and is known
 * without building the page, so a revalidation (If-None-Match) is answered 304 at no cost.
 */
export function etag(manifest, block) {
  return `"${createHash('sha256').update(`${manifest.inputsSha256}\n${block}`).digest('base64url')}"`;
}

/** The headers of the page besides Content-Type, Content-Encoding and ETag. */
export function pageHeaders(manifest, config) {
  return {
    'Content-Security-Policy': contentSecurityPolicy(manifest, config),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cache-Control': 'no-cache',
  };
}
