/**
 * The four Cognito user-pool calls the page makes, as plain fetch requests in Cognito's JSON protocol (the
 * unauthenticated operations of an app client without a secret need no AWS signature). The AWS SDK's
 * CognitoIdentityProviderClient does the same calls in 171 KB of minified code (53 KB gzipped; esbuild, these four
 * commands only) against 1.7 KB here, on a page that already carries Monaco. Applications that want the SDK: see
 * examples/fetch-client.
 *
 * USER_PASSWORD_AUTH sends the password to Cognito over TLS; it is enabled on the explorer app client only (the web
 * client uses SRP). cognito-local, the local stack's Cognito, speaks the same protocol and has no SRP at all.
 */
const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';

/** A refusal by Cognito, with its exception name (NotAuthorizedException, …) kept apart from the message. */
export class CognitoError extends Error {
  constructor(type, message) {
    super(message ? `${type}: ${message}` : type);
    this.type = type;
  }
}

/** The tokens of one sign-in or refresh; refreshToken is absent after a refresh unless Cognito rotates it. */
function tokens(result) {
  return { idToken: result.IdToken, accessToken: result.AccessToken, refreshToken: result.RefreshToken };
}

export function createCognito({ endpoint, clientId }, fetchImpl = globalThis.fetch.bind(globalThis)) {
  async function call(operation, body) {
    let response;
    try {
      response = await fetchImpl(endpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': TARGET_PREFIX + operation },
        body: JSON.stringify(body),
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch (error) {
      throw new CognitoError('NetworkError', `Cognito at ${endpoint} could not be reached (${error.message})`);
    }
    const text = await response.text();
    const json = text ? safeJson(text) : {};
    if (!response.ok) {
      throw new CognitoError(errorType(response, json), json.message ?? json.Message ?? `HTTP ${response.status}`);
    }
    return json;
  }

  /** The outcome of a sign-in: tokens, or a challenge the user must answer (the first sign-in with a temporary password). */
  function outcome(answer) {
    if (answer.AuthenticationResult) {
      return { tokens: tokens(answer.AuthenticationResult) };
    }
    if (answer.ChallengeName === 'NEW_PASSWORD_REQUIRED') {
      return { challenge: 'NEW_PASSWORD_REQUIRED', session: answer.Session };
    }
    throw new CognitoError('UnsupportedChallenge', `this page cannot answer the ${answer.ChallengeName} challenge`);
  }

  return {
    async signIn(username, password) {
      return outcome(await call('InitiateAuth', {
        AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: username, PASSWORD: password },
      }));
    },
    async setNewPassword(username, newPassword, session) {
      return outcome(await call('RespondToAuthChallenge', {
        ChallengeName: 'NEW_PASSWORD_REQUIRED', ClientId: clientId, Session: session,
        ChallengeResponses: { USERNAME: username, NEW_PASSWORD: newPassword },
      }));
    },
    async refresh(refreshToken) {
      const answer = await call('InitiateAuth', {
        AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: clientId, AuthParameters: { REFRESH_TOKEN: refreshToken },
      });
      return tokens(answer.AuthenticationResult);
    },
    /** Revokes the refresh token (and the tokens issued from it, where the pool enables revocation). */
    async revoke(refreshToken) {
      await call('RevokeToken', { ClientId: clientId, Token: refreshToken });
    },
  };
}

function safeJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return { message: text.slice(0, 200) };
  }
}

/** Cognito names the exception in __type ("NotAuthorizedException" or "aws.cognito#NotAuthorizedException:…"). */
function errorType(response, json) {
  const raw = json.__type ?? response.headers.get('x-amzn-errortype') ?? `HTTP${response.status}`;
  return raw.split('#').pop().split(':')[0];
}
