import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, parseConfig } from '../src/config.js';

const PAGE = 'https://abc.execute-api.eu-west-1.amazonaws.com/v1/graphiql';
const cognito = { region: 'eu-west-1', endpoint: 'https://cognito-idp.eu-west-1.amazonaws.com', clientId: 'explorer' };

test('parseConfig_resolvesARelativeGraphqlUrl_againstThePage_keepingTheStage', () => {
  const config = parseConfig({ graphqlUrl: 'graphql', graphqlWsUrl: null, cognito }, PAGE);
  assert.equal(config.graphqlUrl, 'https://abc.execute-api.eu-west-1.amazonaws.com/v1/graphql');
  assert.equal(config.graphqlWsUrl, null);
  assert.equal(config.cognito.endpoint, 'https://cognito-idp.eu-west-1.amazonaws.com/');
  assert.equal(config.cognito.clientId, 'explorer');
});

test('parseConfig_acceptsNoCognito_whenSignInIsOff', () => {
  assert.equal(parseConfig({ graphqlUrl: 'graphql', cognito: null }, PAGE).cognito, null);
});

test('parseConfig_acceptsAWebSocketUrl', () => {
  const config = parseConfig({ graphqlUrl: 'graphql', graphqlWsUrl: 'wss://ws.example.test/v1', cognito }, PAGE);
  assert.equal(config.graphqlWsUrl, 'wss://ws.example.test/v1');
});

for (const [name, raw, message] of [
  ['missing graphqlUrl', { cognito }, /graphqlUrl is missing/],
  ['javascript: graphqlUrl', { graphqlUrl: 'javascript:alert(1)', cognito }, /graphqlUrl must be http: or https:/],
  ['http graphqlWsUrl', { graphqlUrl: 'graphql', graphqlWsUrl: 'https://x.test', cognito }, /graphqlWsUrl must be ws: or wss:/],
  ['missing cognito', { graphqlUrl: 'graphql' }, /cognito must be an object, or null/],
  ['missing client id', { graphqlUrl: 'graphql', cognito: { ...cognito, clientId: ' ' } }, /cognito.clientId is missing/],
  ['not an object', 'graphql', /not an object/],
]) {
  test(`parseConfig_refuses_${name.replace(/\W+/g, '_')}`, () => {
    assert.throws(() => parseConfig(raw, PAGE), (error) => error instanceof ConfigError && message.test(error.message));
  });
}
