import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createCognito } from '../src/cognito.js';

function cognitoAnswering(status, body, headers = {}) {
  const requests = [];
  const cognito = createCognito({ endpoint: 'http://127.0.0.1:9229/', clientId: 'explorer' }, async (url, init) => {
    requests.push({ url, init, body: JSON.parse(init.body) });
    return new Response(JSON.stringify(body), { status, headers });
  });
  return { cognito, requests };
}

test('signIn_isAnInitiateAuthWithUserPasswordAuth_inCognitosJsonProtocol', async () => {
  const { cognito, requests } = cognitoAnswering(200, { AuthenticationResult: { IdToken: 'id', AccessToken: 'access', RefreshToken: 'refresh' } });
  const outcome = await cognito.signIn('max@acme.test', 'pw');
  assert.deepEqual(outcome, { tokens: { idToken: 'id', accessToken: 'access', refreshToken: 'refresh' } });
  assert.equal(requests[0].init.headers['X-Amz-Target'], 'AWSCognitoIdentityProviderService.InitiateAuth');
  assert.equal(requests[0].init.headers['Content-Type'], 'application/x-amz-json-1.1');
  assert.deepEqual(requests[0].body, { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'explorer', AuthParameters: { USERNAME: 'max@acme.test', PASSWORD: 'pw' } });
});

test('refresh_isAnInitiateAuthWithRefreshTokenAuth', async () => {
  const { cognito, requests } = cognitoAnswering(200, { AuthenticationResult: { IdToken: 'id2', AccessToken: 'a2' } });
  assert.deepEqual(await cognito.refresh('refresh'), { idToken: 'id2', accessToken: 'a2', refreshToken: undefined });
  assert.deepEqual(requests[0].body, { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: 'explorer', AuthParameters: { REFRESH_TOKEN: 'refresh' } });
});

test('revoke_isARevokeTokenOfTheRefreshToken', async () => {
  const { cognito, requests } = cognitoAnswering(200, {});
  await cognito.revoke('refresh');
  assert.equal(requests[0].init.headers['X-Amz-Target'], 'AWSCognitoIdentityProviderService.RevokeToken');
  assert.deepEqual(requests[0].body, { ClientId: 'explorer', Token: 'refresh' });
});

test('signIn_returnsTheNewPasswordChallenge_ofAnInvitedUser', async () => {
  const { cognito } = cognitoAnswering(200, { ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: 's' });
  assert.deepEqual(await cognito.signIn('ann@example.com', 'temp'), { challenge: 'NEW_PASSWORD_REQUIRED', session: 's' });
});

test('aRefusal_namesCognitosException_withoutItsNamespace', async () => {
  const { cognito } = cognitoAnswering(400, { __type: 'com.amazonaws.cognito#NotAuthorizedException', message: 'Incorrect username or password.' });
  await assert.rejects(cognito.signIn('max@acme.test', 'wrong'), (error) => error.type === 'NotAuthorizedException' && /Incorrect username or password/.test(error.message));
});

test('anUnreachableCognito_isANetworkError', async () => {
  const cognito = createCognito({ endpoint: 'http://127.0.0.1:1/', clientId: 'c' }, async () => { throw new TypeError('fetch failed'); });
  await assert.rejects(cognito.signIn('a', 'b'), (error) => error.type === 'NetworkError');
});
