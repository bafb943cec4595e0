import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CognitoError } from '../src/cognito.js';
import { REFRESH_MARGIN_MS, REQUEST_MARGIN_MS, STORAGE_KEY, Session } from '../src/session.js';
import { ManualTimers, MemoryStorage, ScriptedCognito, idToken } from './fakes.mjs';

const NOW = 1_800_000_000_000;
const HOUR = 3600;

function setup(answers, { now = () => NOW } = {}) {
  const storage = new MemoryStorage();
  const timers = new ManualTimers();
  const cognito = new ScriptedCognito(answers);
  return { storage, timers, cognito, session: new Session(cognito, { storage, now, timers }) };
}

const firstToken = idToken({ iat: NOW / 1000 });
const signedIn = { signIn: { tokens: { idToken: firstToken, refreshToken: 'refresh-1' } } };

test('signIn_keepsTokensInTheGivenSessionStorage_andShowsWhoFromTheClaims', async () => {
  const { session, storage } = setup(signedIn);
  await session.signIn('max@acme.test', 'pw');
  assert.deepEqual(JSON.parse(storage.getItem(STORAGE_KEY)), { username: 'max@acme.test', idToken: firstToken, refreshToken: 'refresh-1', receivedAt: NOW });
  assert.equal(session.user.email, 'max@acme.test');
  assert.equal(session.user.tenantId, 'acme');
  assert.deepEqual(session.user.groups, ['MEMBER']);
  assert.equal(await session.authorization(), `Bearer ${firstToken}`);
});

test('signIn_schedulesTheRefreshFiveMinutesBeforeExpiry', async () => {
  const { session, timers } = setup(signedIn);
  await session.signIn('max@acme.test', 'pw');
  assert.equal(timers.lastDelay, HOUR * 1000 - REFRESH_MARGIN_MS);
});

test('theSchedule_followsTheTokensLifetime_notTheLocalClock_whenTheClockIsSkewed', async () => {
  // Cognito's clock is two hours behind this browser's: by the local clock the token "expired" an hour ago.
  const skewed = idToken({ iat: NOW / 1000 - 2 * HOUR });
  const { session, timers, cognito } = setup({ signIn: { tokens: { idToken: skewed, refreshToken: 'r' } } });
  await session.signIn('max@acme.test', 'pw');
  assert.equal(timers.lastDelay, HOUR * 1000 - REFRESH_MARGIN_MS);
  assert.equal(session.user.expiresAt, NOW + HOUR * 1000);
  assert.equal(await session.authorization(), `Bearer ${skewed}`);
  assert.equal(cognito.calls.filter((call) => call.name === 'refresh').length, 0, 'no refresh loop');
});

test('aShortLivedToken_isRefreshedAtHalfItsLifetime_notAtOnce', async () => {
  const short = idToken({ iat: NOW / 1000, lifetime: 5 * 60 });
  const { session, timers } = setup({ signIn: { tokens: { idToken: short, refreshToken: 'r' } } });
  await session.signIn('max@acme.test', 'pw');
  assert.equal(timers.lastDelay, 150_000);
});

test('scheduledRefresh_replacesTheIdToken_keepsTheRefreshToken_andKeepsTheIdentity', async () => {
  const fresh = idToken({ iat: NOW / 1000 + HOUR });
  const { session, timers, storage, cognito } = setup({ ...signedIn, refresh: { idToken: fresh } });
  await session.signIn('max@acme.test', 'pw');
  const identity = session.identity;
  await timers.run();
  assert.deepEqual(cognito.calls.at(-1), { name: 'refresh', args: ['refresh-1'] });
  assert.equal(await session.authorization(), `Bearer ${fresh}`);
  assert.equal(JSON.parse(storage.getItem(STORAGE_KEY)).refreshToken, 'refresh-1');
  assert.equal(session.identity, identity, 'a refresh is the same user: GraphiQL keeps its schema');
});

test('authorization_refreshesFirst_whenTheTokenIsAboutToExpire', async () => {
  let now = NOW;
  const fresh = idToken({ iat: NOW / 1000 + HOUR });
  const { session, cognito } = setup({ ...signedIn, refresh: { idToken: fresh } }, { now: () => now });
  await session.signIn('max@acme.test', 'pw');
  now = NOW + HOUR * 1000 - REQUEST_MARGIN_MS + 1;
  assert.equal(await session.authorization(), `Bearer ${fresh}`);
  assert.equal(cognito.calls.filter((call) => call.name === 'refresh').length, 1);
});

test('refresh_isDoneOnce_whenManyRequestsAskAtOnce', async () => {
  let release;
  const gate = new Promise((resolve) => { release = resolve; });
  const fresh = idToken({ iat: NOW / 1000 + HOUR });
  const { session, cognito } = setup({ ...signedIn, refresh: () => gate.then(() => ({ idToken: fresh })) });
  await session.signIn('max@acme.test', 'pw');
  const all = Promise.all([session.refresh(), session.refresh(), session.refresh()]);
  release();
  await all;
  assert.equal(cognito.calls.filter((call) => call.name === 'refresh').length, 1);
});

test('refresh_endsTheSession_whenCognitoRefusesTheRefreshToken', async () => {
  const refused = () => { throw new CognitoError('NotAuthorizedException', 'Refresh Token has been revoked'); };
  const { session, storage, timers } = setup({ ...signedIn, refresh: refused });
  await session.signIn('max@acme.test', 'pw');
  await timers.run();
  assert.equal(session.user, null);
  assert.equal(storage.getItem(STORAGE_KEY), null);
  assert.match(session.endedBecause, /revoked/);
  assert.equal(await session.authorization(), null);
});

test('refresh_keepsTheSessionAndRetriesLater_whenCognitoCannotBeReached', async () => {
  const unreachable = () => { throw new CognitoError('NetworkError', 'could not be reached'); };
  const { session, timers } = setup({ ...signedIn, refresh: unreachable });
  await session.signIn('max@acme.test', 'pw');
  await assert.rejects(session.refresh(), /could not be reached/);
  assert.notEqual(session.user, null);
  assert.equal(timers.lastDelay, 30_000);
});

test('signOut_revokesTheRefreshToken_forgetsEverything_andChangesTheIdentity', async () => {
  const { session, storage, cognito } = setup({ ...signedIn, revoke: undefined });
  await session.signIn('max@acme.test', 'pw');
  const identity = session.identity;
  await session.signOut();
  assert.deepEqual(cognito.calls.at(-1), { name: 'revoke', args: ['refresh-1'] });
  assert.equal(session.user, null);
  assert.equal(storage.getItem(STORAGE_KEY), null);
  assert.equal(await session.authorization(), null);
  assert.notEqual(session.identity, identity);
});

test('signOut_clearsLocally_evenWhenTheRevocationFails', async () => {
  const { session, storage } = setup({ ...signedIn, revoke: () => { throw new Error('offline'); } });
  await session.signIn('max@acme.test', 'pw');
  await session.signOut();
  assert.equal(session.user, null);
  assert.equal(storage.getItem(STORAGE_KEY), null);
});

test('newPasswordChallenge_waitsForTheNewPassword_thenSignsIn', async () => {
  const { session, cognito } = setup({
    signIn: { challenge: 'NEW_PASSWORD_REQUIRED', session: 'challenge-session' },
    setNewPassword: { tokens: { idToken: firstToken, refreshToken: 'refresh-1' } },
  });
  await session.signIn('ann@example.com', 'temporary');
  assert.equal(session.needsNewPassword, true);
  assert.equal(session.user, null);
  await session.setNewPassword('Chosen-Passw0rd!');
  assert.deepEqual(cognito.calls.at(-1).args, ['ann@example.com', 'Chosen-Passw0rd!', 'challenge-session']);
  assert.equal(session.needsNewPassword, false);
  assert.equal(session.user.email, 'max@acme.test');
});

test('aNewSession_restoresTheTabsSession_fromSessionStorage', async () => {
  const { storage, cognito, timers } = setup(signedIn);
  await new Session(cognito, { storage, now: () => NOW, timers }).signIn('max@acme.test', 'pw');
  const reloaded = new Session(cognito, { storage, now: () => NOW, timers });
  assert.equal(reloaded.user.email, 'max@acme.test');
  assert.equal(await reloaded.authorization(), `Bearer ${firstToken}`);
});

test('aNewSession_dropsAStoredValueThatIsNotASession', () => {
  const storage = new MemoryStorage();
  storage.setItem(STORAGE_KEY, '{"idToken":"not-a-jwt","receivedAt":1}');
  const session = new Session(new ScriptedCognito({}), { storage, now: () => NOW, timers: new ManualTimers() });
  assert.equal(session.user, null);
  assert.equal(storage.getItem(STORAGE_KEY), null);
});

test('aRefreshThatEndsAfterSignOut_doesNotSignTheUserInAgain', async () => {
  let release;
  const gate = new Promise((resolve) => { release = resolve; });
  const fresh = idToken({ iat: NOW / 1000 + HOUR });
  const { session, storage } = setup({ ...signedIn, revoke: undefined, refresh: () => gate.then(() => ({ idToken: fresh })) });
  await session.signIn('max@acme.test', 'pw');
  const refreshing = session.refresh();
  await session.signOut();
  release();
  await refreshing;
  assert.equal(session.user, null);
  assert.equal(storage.getItem(STORAGE_KEY), null);
});

test('authorization_keepsUsingAValidToken_whenItsRefreshCannotReachCognito', async () => {
  let now = NOW;
  const unreachable = () => { throw new CognitoError('NetworkError', 'could not be reached'); };
  const { session } = setup({ ...signedIn, refresh: unreachable }, { now: () => now });
  await session.signIn('max@acme.test', 'pw');
  now = NOW + HOUR * 1000 - 30_000; // half a minute left
  assert.equal(await session.authorization(), `Bearer ${firstToken}`);
  now = NOW + HOUR * 1000 + 1; // expired
  await assert.rejects(session.authorization(), /could not be reached/);
});
