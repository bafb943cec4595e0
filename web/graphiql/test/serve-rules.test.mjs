import assert from 'node:assert/strict';
import { test } from 'node:test';
import { configBlock, connectOrigins, contentSecurityPolicy, etag } from '../serve-rules.mjs';

const manifest = { scriptHashes: ["'sha256-abc='"] };
const config = { graphqlUrl: 'graphql', graphqlWsUrl: 'wss://ws.example.test/v1', cognito: { region: 'eu-west-1', endpoint: 'https://cognito-idp.eu-west-1.amazonaws.com', clientId: 'c' } };

test('configBlock_cannotEndTheScriptElement_andParsesBackUnchanged', () => {
  const hostile = { ...config, cognito: { ...config.cognito, clientId: '</script><script>alert(1)</script><!--&\u2028' } };
  const block = configBlock(hostile);
  assert.doesNotMatch(block, /[<>&\u2028\u2029]/);
  assert.deepEqual(JSON.parse(block), hostile);
});

test('connectOrigins_areTheAbsoluteConfiguredUrlsOrigins_relativeOnesAreSelf', () => {
  assert.deepEqual(connectOrigins(config), ['wss://ws.example.test', 'https://cognito-idp.eu-west-1.amazonaws.com']);
});

test('connectOrigins_isEmpty_forARelativeUrlAndNoSignIn', () => {
  assert.deepEqual(connectOrigins({ graphqlUrl: 'graphql', graphqlWsUrl: null, cognito: null }), []);
});

test('contentSecurityPolicy_allowsTheScriptHash_blobWorkers_andTheConfiguredOriginsOnly', () => {
  assert.equal(contentSecurityPolicy(manifest, config), [
    "default-src 'none'", "script-src 'sha256-abc='", "style-src 'unsafe-inline'", 'worker-src blob:', 'img-src data:', 'font-src data:',
    "connect-src 'self' wss://ws.example.test https://cognito-idp.eu-west-1.amazonaws.com",
    "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'",
  ].join('; '));
});

test('etag_changesWithTheBuildOrTheConfig_andOnlyThen', () => {
  const block = configBlock(config);
  const build = { inputsSha256: 'a'.repeat(64) };
  assert.match(etag(build, block), /^"[A-Za-z0-9_-]{43}"$/);
  assert.equal(etag(build, block), etag({ ...build }, configBlock({ ...config })));
  assert.notEqual(etag(build, block), etag({ inputsSha256: 'b'.repeat(64) }, block));
  assert.notEqual(etag(build, block), etag(build, configBlock({ ...config, graphqlWsUrl: null })));
});
