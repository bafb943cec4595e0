import { createClient } from 'graphql-ws';

/**
 * GraphiQL's fetcher: every operation (introspection included) goes to the configured GraphQL URL with an
 * Authorization header. A header typed into GraphiQL's Headers tab wins (pasting a token by hand stays possible);
 * otherwise the signed-in session's ID token, refreshed first if it is about to expire; otherwise none (the gateway
 * answers 401 UNAUTHENTICATED, shown like any other error).
 *
 * Subscriptions go over graphql-transport-ws (graphql-ws) when the server configured a graphqlWsUrl. A browser cannot
 * set headers on a WebSocket, and a URL is no place for a token, so the same "Bearer …" value travels in the
 * connection_init message: connectionParams {"authorization": "Bearer <ID token>"}, checked by the server before it
 * acknowledges the connection. The session's socket reads the token when it (re)connects, so a refreshed token is
 * used on the next connection; a pasted header gets a socket of its own. The sockets (createSubscriptions) outlive
 * the fetchers: the page makes a new fetcher at each sign-in, and the pool closes the old user's socket itself.
 *
 * Each result is reported to onOutcome ({ source, status, codes, messages }) so the page can show error codes plainly.
 */
export function createExplorerFetcher({
  graphqlUrl, session, subscriptions = null, onOutcome, fetchImpl = globalThis.fetch.bind(globalThis),
}) {

  async function authorize(headers) {
    const typed = Object.entries(headers ?? {}).find(([name]) => name.toLowerCase() === 'authorization');
    if (typed) {
      return { source: 'headers', value: String(typed[1]), rest: without(headers, typed[0]) };
    }
    const value = await session.authorization();
    return { source: value ? 'session' : 'none', value, rest: headers ?? {} };
  }

  return async function fetcher(params, options = {}) {
    let auth;
    try {
      auth = await authorize(options.headers);
    } catch (error) {
      return report(onOutcome, 'session', 0, errorResult('SESSION', `The session's token could not be refreshed (${error.message}); sign in again`));
    }
    if (isSubscription(options.documentAST, params.operationName)) {
      if (!subscriptions) {
        return report(onOutcome, auth.source, 0, errorResult('CLIENT', 'Subscriptions are not available here: the server configured no graphqlWsUrl.'));
      }
      return subscriptions.subscribe(params, auth);
    }
    const headers = { ...auth.rest, 'Content-Type': 'application/json', Accept: 'application/graphql-response+json, application/json;q=0.9' };
    if (auth.value) headers.Authorization = auth.value;
    let response;
    try {
      response = await fetchImpl(graphqlUrl, {
        method: 'POST', headers, body: JSON.stringify(params), credentials: 'omit', cache: 'no-store',
      });
    } catch (error) {
      return report(onOutcome, auth.source, 0, errorResult('NETWORK', `${graphqlUrl} could not be reached (${error.message})`));
    }
    const text = await response.text();
    let result;
    try {
      result = JSON.parse(text);
    } catch {
      result = errorResult('HTTP_' + response.status, `HTTP ${response.status}, not a GraphQL response: ${text.slice(0, 200)}`);
    }
    return report(onOutcome, auth.source, response.status, result);
  };
}

/** The codes of a result's errors, in order, without repeats ("FORBIDDEN", "CONFLICT", …). */
export function errorCodes(result) {
  const errors = Array.isArray(result?.errors) ? result.errors : [];
  return [...new Set(errors.map((error) => error?.extensions?.code ?? 'NO_CODE'))];
}

function report(onOutcome, source, status, result) {
  const errors = Array.isArray(result?.errors) ? result.errors : [];
  onOutcome?.({ source, status, codes: errorCodes(result), messages: errors.map((error) => String(error?.message ?? '')) });
  return result;
}

function errorResult(code, message) {
  return { errors: [{ message, extensions: { code } }] };
}

function without(headers, name) {
  const rest = { ...headers };
  delete rest[name];
  return rest;
}

function isSubscription(documentAST, operationName) {
  const operations = (documentAST?.definitions ?? []).filter((definition) => definition.kind === 'OperationDefinition');
  const operation = operationName ? operations.find((definition) => definition.name?.value === operationName) : operations[0];
  return operation?.operation === 'subscription';
}

/**
 * The WebSocket clients of a page, or null without a graphqlWsUrl: one for the session (connectionParams read at each
 * connect, so it follows refreshes; replaced when another user signs in) and one for a pasted Authorization value
 * (replaced when it changes).
 */
export function createSubscriptions({ graphqlWsUrl, session, webSocketImpl }) {
  return graphqlWsUrl ? socketPool(graphqlWsUrl, session, webSocketImpl) : null;
}

function socketPool(url, session, webSocketImpl) {
  let sessionSocket = null;
  let typedSocket = null;

  function open(connectionParams) {
    return { client: createClient({ url, lazy: true, retryAttempts: 3, connectionParams, webSocketImpl }), identity: session.identity };
  }

  function clientFor(auth) {
    if (auth.source === 'headers') {
      if (typedSocket?.value !== auth.value) {
        typedSocket?.client.dispose();
        typedSocket = { ...open({ authorization: auth.value }), value: auth.value };
      }
      return typedSocket.client;
    }
    if (sessionSocket?.identity !== session.identity) {
      sessionSocket?.client.dispose();
      sessionSocket = open(async () => {
        const authorization = await session.authorization();
        return authorization ? { authorization } : {};
      });
    }
    return sessionSocket.client;
  }

  return {
    subscribe(params, auth) {
      return clientFor(auth).iterate({
        query: params.query, variables: params.variables ?? undefined, operationName: params.operationName ?? undefined,
      });
    },
  };
}
