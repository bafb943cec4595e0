import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createServer } from 'node:http';
import { buildSchema, parse } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import WebSocket, { WebSocketServer } from 'ws';
import { createExplorerFetcher, createSubscriptions, errorCodes } from '../src/fetcher.js';

/** A session stand-in: the Authorization value it would send, and its identity counter. */
function fakeSession(authorization) {
  return { identity: 1, authorization: async () => authorization };
}

/** A fetch that records each request and answers with the given status and body. */
function recordingFetch(status, body) {
  const requests = [];
  const fetchImpl = async (url, init) => {
    requests.push({ url, init });
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status });
  };
  return { requests, fetchImpl };
}

const QUERY = { query: '{ me { role } }' };
const forbidden = { data: null, errors: [{ message: 'VIEWER may not createProject', extensions: { code: 'FORBIDDEN' } }] };

test('fetcher_sendsTheSessionsToken_whenTheHeadersTabHasNone', async () => {
  const { requests, fetchImpl } = recordingFetch(200, { data: { me: { role: 'MEMBER' } } });
  const outcomes = [];
  const fetcher = createExplorerFetcher({ graphqlUrl: 'http://api.test/graphql', session: fakeSession('Bearer session-token'), onOutcome: (o) => outcomes.push(o), fetchImpl });
  const result = await fetcher(QUERY, { headers: { 'X-Trace': '1' } });
  assert.deepEqual(result, { data: { me: { role: 'MEMBER' } } });
  assert.equal(requests[0].url, 'http://api.test/graphql');
  assert.equal(requests[0].init.headers.Authorization, 'Bearer session-token');
  assert.equal(requests[0].init.headers['X-Trace'], '1');
  assert.equal(requests[0].init.credentials, 'omit');
  assert.deepEqual(outcomes, [{ source: 'session', status: 200, codes: [], messages: [] }]);
});

test('fetcher_sendsThePastedHeader_insteadOfTheSession_whateverItsCase', async () => {
  const { requests, fetchImpl } = recordingFetch(200, { data: {} });
  const fetcher = createExplorerFetcher({ graphqlUrl: 'http://api.test/graphql', session: fakeSession('Bearer session-token'), fetchImpl });
  await fetcher(QUERY, { headers: { authorization: 'Bearer pasted-token' } });
  const headers = requests[0].init.headers;
  assert.equal(headers.Authorization, 'Bearer pasted-token');
  assert.equal(Object.keys(headers).filter((name) => name.toLowerCase() === 'authorization').length, 1);
});

test('fetcher_sendsNoAuthorization_whenSignedOutAndNothingPasted', async () => {
  const { requests, fetchImpl } = recordingFetch(401, { errors: [{ message: 'Unauthorized', extensions: { code: 'UNAUTHENTICATED' } }] });
  const outcomes = [];
  const fetcher = createExplorerFetcher({ graphqlUrl: 'http://api.test/graphql', session: fakeSession(null), onOutcome: (o) => outcomes.push(o), fetchImpl });
  await fetcher(QUERY, {});
  assert.equal('Authorization' in requests[0].init.headers, false);
  assert.deepEqual(outcomes[0], { source: 'none', status: 401, codes: ['UNAUTHENTICATED'], messages: ['Unauthorized'] });
});

test('fetcher_reportsEveryErrorCode_plainly', async () => {
  const { fetchImpl } = recordingFetch(200, { errors: [forbidden.errors[0], { message: 'stale', extensions: { code: 'CONFLICT', currentVersion: 3 } }, { message: 'no code' }] });
  const outcomes = [];
  await createExplorerFetcher({ graphqlUrl: 'http://api.test/graphql', session: fakeSession(null), onOutcome: (o) => outcomes.push(o), fetchImpl })(QUERY, {});
  assert.deepEqual(outcomes[0].codes, ['FORBIDDEN', 'CONFLICT', 'NO_CODE']);
});

test('fetcher_turnsAnAnswerThatIsNotJson_intoAnErrorWithTheHttpStatus', async () => {
  const { fetchImpl } = recordingFetch(502, '<html>Bad Gateway</html>');
  const result = await createExplorerFetcher({ graphqlUrl: 'http://api.test/graphql', session: fakeSession(null), fetchImpl })(QUERY, {});
  assert.deepEqual(errorCodes(result), ['HTTP_502']);
});

test('fetcher_turnsANetworkFailure_intoANetworkError', async () => {
  const fetchImpl = async () => { throw new TypeError('Failed to fetch'); };
  const result = await createExplorerFetcher({ graphqlUrl: 'http://api.test/graphql', session: fakeSession(null), fetchImpl })(QUERY, {});
  assert.deepEqual(errorCodes(result), ['NETWORK']);
});

test('fetcher_reportsASessionThatCannotBeRefreshed_withoutSendingTheRequest', async () => {
  const { requests, fetchImpl } = recordingFetch(200, {});
  const session = { identity: 1, authorization: async () => { throw new Error('Cognito could not be reached'); } };
  const result = await createExplorerFetcher({ graphqlUrl: 'http://api.test/graphql', session, fetchImpl })(QUERY, {});
  assert.deepEqual(errorCodes(result), ['SESSION']);
  assert.equal(requests.length, 0);
});

test('fetcher_refusesASubscription_whenNoWebSocketUrlIsConfigured', async () => {
  const { requests, fetchImpl } = recordingFetch(200, {});
  const query = 'subscription OnTask { taskChanged { id } }';
  const result = await createExplorerFetcher({ graphqlUrl: 'http://api.test/graphql', session: fakeSession('Bearer t'), fetchImpl })({ query, operationName: 'OnTask' }, { documentAST: parse(query) });
  assert.deepEqual(errorCodes(result), ['CLIENT']);
  assert.equal(requests.length, 0);
});

/** A graphql-transport-ws server (graphql-ws) that answers `whoAmI` with the connection's authorization. */
async function startSubscriptionServer() {
  const schema = buildSchema('type Query { ok: Boolean } type Subscription { whoAmI: String }');
  const roots = {
    subscription: {
      whoAmI: async function* (_args, context) { yield { whoAmI: context.authorization }; },
    },
  };
  const http = createServer();
  const wss = new WebSocketServer({ server: http });
  const seen = [];
  const server = useServer({
    schema,
    roots,
    context: (ctx) => ({ authorization: ctx.connectionParams?.authorization }),
    onConnect: (ctx) => {
      seen.push(ctx.connectionParams);
      return typeof ctx.connectionParams?.authorization === 'string' && ctx.connectionParams.authorization.startsWith('Bearer ');
    },
  }, wss);
  await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve));
  return {
    url: `ws://127.0.0.1:${http.address().port}/graphql`,
    seen,
    async stop() { await server.dispose(); wss.close(); http.closeAllConnections?.(); await new Promise((resolve) => http.close(resolve)); },
  };
}

/** The first result of `subscription Me { whoAmI }` through a fetcher wired to the test server. */
function whoAmIOverWebSocket(server, session) {
  const subscriptions = createSubscriptions({ graphqlWsUrl: server.url, session, webSocketImpl: WebSocket });
  const query = 'subscription Me { whoAmI }';
  return async (headers) => {
    // a new fetcher for every question, as the page makes one at each sign-in: the sockets are the pool's
    const fetcher = createExplorerFetcher({ graphqlUrl: 'http://api.test/graphql', session, subscriptions });
    for await (const value of await fetcher({ query, operationName: 'Me' }, { documentAST: parse(query), headers })) return value;
    throw new Error('no result');
  };
}

test('subscription_carriesTheSessionsToken_inConnectionParams_andFollowsANewSignIn', async (t) => {
  const server = await startSubscriptionServer();
  t.after(() => server.stop());
  const session = { identity: 1, token: 'Bearer first', authorization: async () => session.token };
  const ask = whoAmIOverWebSocket(server, session);

  assert.deepEqual(await ask(), { data: { whoAmI: 'Bearer first' } });
  Object.assign(session, { identity: 2, token: 'Bearer second' });
  assert.deepEqual(await ask(), { data: { whoAmI: 'Bearer second' } });
  assert.deepEqual(server.seen, [{ authorization: 'Bearer first' }, { authorization: 'Bearer second' }]);
});

test('subscription_usesThePastedHeader_whenThereIsOne', async (t) => {
  const server = await startSubscriptionServer();
  t.after(() => server.stop());
  const ask = whoAmIOverWebSocket(server, fakeSession('Bearer session'));
  assert.deepEqual(await ask({ Authorization: 'Bearer pasted' }), { data: { whoAmI: 'Bearer pasted' } });
});

test('subscription_readsTheTokenAgainAtEachConnection_soARefreshedTokenIsUsed', async (t) => {
  const server = await startSubscriptionServer();
  t.after(() => server.stop());
  const session = { identity: 1, token: 'Bearer before-refresh', authorization: async () => session.token };
  const ask = whoAmIOverWebSocket(server, session);

  assert.deepEqual(await ask(), { data: { whoAmI: 'Bearer before-refresh' } });
  await new Promise((resolve) => setTimeout(resolve, 50)); // lazy: the idle socket closes
  session.token = 'Bearer after-refresh';
  assert.deepEqual(await ask(), { data: { whoAmI: 'Bearer after-refresh' } });
  assert.equal(server.seen.length, 2, 'a second connection, not the first one reused');
});
