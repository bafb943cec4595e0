/**
 * The page's configuration: a JSON data block that the server fills in when it serves the page (the GraphQL Lambda
 * at GET /graphiql; in development dev-server.mjs). The page has no endpoint built in, so one build serves every
 * deployment, and the server's Content-Security-Policy allows exactly the origins named here.
 *
 *   {
 *     "graphqlUrl":   "graphql",                  // absolute, or relative to the page (keeps a stage prefix)
 *     "graphqlWsUrl": null,                       // ws(s):// URL of graphql-transport-ws, or null: no subscriptions
 *     "cognito": {                               // or null: no sign-in panel, tokens are pasted by hand
 *       "region":   "eu-west-1",
 *       "endpoint": "https://cognito-idp.eu-west-1.amazonaws.com",  // locally cognito-local
 *       "clientId": "…"                           // the explorer app client (USER_PASSWORD_AUTH, no secret)
 *     }
 *   }
 */
export const CONFIG_ELEMENT_ID = 'tenantgraph-config';

/** Thrown when the block is missing or malformed: the page says so instead of guessing an endpoint. */
export class ConfigError extends Error {}

/** Reads and checks the block; every URL comes back absolute. */
export function readConfig(document, pageUrl) {
  const element = document.getElementById(CONFIG_ELEMENT_ID);
  if (!element) {
    throw new ConfigError(`the page has no #${CONFIG_ELEMENT_ID} block: it was not served by the API`);
  }
  let raw;
  try {
    raw = JSON.parse(element.textContent);
  } catch {
    throw new ConfigError(`#${CONFIG_ELEMENT_ID} is not JSON: the server did not fill it in`);
  }
  return parseConfig(raw, pageUrl);
}

export function parseConfig(raw, pageUrl) {
  if (!raw || typeof raw !== 'object') {
    throw new ConfigError('the configuration is not an object');
  }
  const cognito = raw.cognito;
  if (cognito !== null && typeof cognito !== 'object') {
    throw new ConfigError('cognito must be an object, or null when sign-in is off');
  }
  return Object.freeze({
    graphqlUrl: url(raw.graphqlUrl, 'graphqlUrl', pageUrl, ['http:', 'https:']),
    graphqlWsUrl: raw.graphqlWsUrl == null ? null : url(raw.graphqlWsUrl, 'graphqlWsUrl', pageUrl, ['ws:', 'wss:']),
    cognito: cognito === null ? null : Object.freeze({
      region: text(cognito.region, 'cognito.region'),
      endpoint: url(cognito.endpoint, 'cognito.endpoint', pageUrl, ['http:', 'https:']),
      clientId: text(cognito.clientId, 'cognito.clientId'),
    }),
  });
}

function text(value, name) {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ConfigError(`${name} is missing`);
  }
  return value;
}

function url(value, name, base, protocols) {
  let parsed;
  try {
    parsed = new URL(text(value, name), base);
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(`${name} is not a URL: ${value}`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(`${name} must be ${protocols.join(' or ')}, not ${parsed.protocol}`);
  }
  return parsed.href;
}
