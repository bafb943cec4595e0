import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkBuiltPage, checkServedPage } from '../check.mjs';
import { configBlock, contentSecurityPolicy } from '../serve-rules.mjs';

const page = (script, { head = '', style = 'body{margin:0}' } = {}) => `<!doctype html><html><head>${head}<style>${style}</style>`
  + '<script type="application/json" id="tenantgraph-config">@@TENANTGRAPH_CONFIG@@</script></head>'
  + `<body><div id="root"></div><script>${script}</script></body></html>`;
const clean = page('const ns="http://www.w3.org/2000/svg";fetch(config.graphqlUrl)');

test('checkBuiltPage_passes_aPageThatOnlyNamesKnownIdentifiers', () => {
  assert.deepEqual(checkBuiltPage(clean), []);
});

for (const [name, html, expected] of [
  ['a CDN stylesheet', page('1', { head: '<link rel="stylesheet" href="https://cdn.example/x.css">' }), /an element that loads a resource/],
  ['a script src', page('1').replace('<script>', '<script src="https://cdn.example/x.js">'), /loads or sends to a URL|exactly one inline <script>/],
  ['a remote url() in the stylesheet', page('1', { style: '@font-face{src:url(https://fonts.example/f.woff2)}' }), /is not a data: URL/],
  ['an @import', page('1', { style: '@import "x.css";' }), /@import/],
  ['an unknown origin in the script', page('fetch("https://telemetry.example/collect")'), /unexplained absolute URL.*telemetry\.example/],
  ['a websocket to an unknown origin', page('new WebSocket("wss://elsewhere.example/")'), /unexplained absolute URL/],
  ['a second script', page('1').replace('</body>', '<script>2</script></body>'), /exactly one inline <script>/],
]) {
  test(`checkBuiltPage_fails_on_${name.replace(/\W+/g, '_')}`, () => {
    const failures = checkBuiltPage(html);
    assert.ok(failures.some((failure) => expected.test(failure)), failures.join('\n') || 'no failure');
  });
}

const config = { graphqlUrl: 'http://127.0.0.1:3100/graphql', graphqlWsUrl: null, cognito: { region: 'us-east-1', endpoint: 'http://127.0.0.1:9229', clientId: 'c' } };
const served = clean.replace('@@TENANTGRAPH_CONFIG@@', configBlock(config));
const csp = contentSecurityPolicy({ scriptHashes: ["'sha256-abc='"] }, config);

test('checkServedPage_passes_theCspThatServeRulesWrites', () => {
  assert.deepEqual(checkServedPage(served, csp), []);
});

for (const [name, policy, expected] of [
  ['no CSP', null, /no Content-Security-Policy/],
  ['a CDN in script-src', csp.replace("script-src 'sha256-abc='", "script-src 'sha256-abc=' https://cdn.jsdelivr.net"), /script-src allows https:\/\/cdn\.jsdelivr\.net/],
  ['an unconfigured origin in connect-src', csp.replace("connect-src 'self'", "connect-src 'self' https://elsewhere.example"), /connect-src allows https:\/\/elsewhere\.example/],
  ['a configured origin missing', csp.replace(' http://127.0.0.1:9229', ''), /connect-src lacks the configured http:\/\/127\.0\.0\.1:9229/],
  ['unsafe-eval', csp.replace("script-src 'sha256-abc='", "script-src 'sha256-abc=' 'unsafe-eval'"), /script-src allows 'unsafe-eval'/],
]) {
  test(`checkServedPage_fails_on_${name.replace(/\W+/g, '_')}`, () => {
    const failures = checkServedPage(served, policy);
    assert.ok(failures.some((failure) => expected.test(failure)), failures.join('\n') || 'no failure');
  });
}

test('checkServedPage_fails_whenThePlaceholderWasNotFilledIn', () => {
  assert.match(checkServedPage(clean, csp).join('\n'), /not JSON/);
});
