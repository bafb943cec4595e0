#!/usr/bin/env node
// Drives the GraphiQL page of a running stack in headless Chromium, as a developer would use it:
//   open the page -> sign in as a MEMBER -> docs and autocompletion load -> run a query and see data ->
//   reload the tab two minutes before the token expires: still signed in, the token refreshed -> sign out ->
//   sign in as a VIEWER -> run a mutation and see FORBIDDEN -> sign out -> a page on another origin calls the API with
//   the headers GraphQL client libraries send (CORS preflight), and a header the API does not allow is refused.
// Throughout: no Content-Security-Policy violation, no uncaught error, no request to any origin but the page's and
// the ones its config names, no token in localStorage or the URL; the served CSP passes check.mjs's served rules.
//
// Environment:
//   TG_GRAPHIQL_URL       the page (default: graphiqlUrl from the outputs file)
//   TG_OUTPUTS            the running stack's outputs.json (default ../../.local/outputs.json): demo passwords
//   TG_MEMBER, TG_VIEWER  the demo users (max@acme.test, vic@acme.test); TG_PASSWORD overrides the outputs' password
//   TG_SCREENSHOTS_DIR    where the screenshots go (default target/screenshots here)
//   CHROMIUM              the browser (default /usr/bin/chromium, Debian's package "chromium")
//   CI                    "true": a missing browser is a failure, never a skip
// Exit codes: 0 passed; 1 failed (or no browser under CI=true); 2 configuration error; 3 no browser, skipped.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { checkServedPage } from '../graphiql/check.mjs';
import { connectOrigins } from '../graphiql/serve-rules.mjs';

export const EXIT = { PASSED: 0, FAILED: 1, CONFIGURATION: 2, NO_BROWSER: 3 };
const here = dirname(fileURLToPath(import.meta.url));
const STEP_TIMEOUT_MS = 30_000;

class Failure extends Error {}

function expect(condition, message) {
  if (!condition) throw new Failure(message);
}

function configuration() {
  const outputsPath = resolve(process.env.TG_OUTPUTS ?? join(here, '..', '..', '.local', 'outputs.json'));
  const outputs = existsSync(outputsPath) ? JSON.parse(readFileSync(outputsPath, 'utf8')) : null;
  const url = process.env.TG_GRAPHIQL_URL ?? outputs?.graphiqlUrl;
  if (!url) {
    console.error(`no page to test: set TG_GRAPHIQL_URL, or start ./dev up so that ${outputsPath} names graphiqlUrl`);
    process.exit(EXIT.CONFIGURATION);
  }
  const password = (username) => process.env.TG_PASSWORD
    ?? outputs?.demoUsers?.find((user) => user.username === username)?.password
    ?? 'Demo-Passw0rd!';
  const member = process.env.TG_MEMBER ?? 'max@acme.test';
  const viewer = process.env.TG_VIEWER ?? 'vic@acme.test';
  return {
    url,
    member: { username: member, password: password(member) },
    viewer: { username: viewer, password: password(viewer) },
    screenshots: resolve(process.env.TG_SCREENSHOTS_DIR ?? join(here, 'target', 'screenshots')),
    browser: process.env.CHROMIUM ?? '/usr/bin/chromium',
  };
}

function requireBrowser(path) {
  if (existsSync(path)) return;
  const ci = process.env.CI === 'true';
  console.error([
    `${ci ? 'FAILED' : 'SKIPPED'}: the GraphiQL browser test needs Chromium at ${path}, and there is none.`,
    "Install Debian's package: sudo apt-get install -y chromium   (or set CHROMIUM to another Chromium or Chrome)",
    ci ? 'CI=true: a missing browser fails the build, it is never skipped.' : '',
  ].filter(Boolean).join('\n'));
  process.exit(ci ? EXIT.FAILED : EXIT.NO_BROWSER);
}

/** Everything the page does that the test must see: violations, errors, requests, stored values. */
function watch(page, graphqlUrl) {
  const seen = { violations: [], pageErrors: [], requests: [], refreshes: 0, revocations: 0, authorizations: [] };
  page.on('pageerror', (error) => seen.pageErrors.push(error.message));
  page.on('request', (request) => {
    seen.requests.push(request.url());
    if (request.headers()['x-amz-target'] === 'AWSCognitoIdentityProviderService.InitiateAuth'
        && request.postDataJSON()?.AuthFlow === 'REFRESH_TOKEN_AUTH') seen.refreshes += 1;
    if (request.headers()['x-amz-target'] === 'AWSCognitoIdentityProviderService.RevokeToken') seen.revocations += 1;
    if (request.method() === 'POST' && request.url() === graphqlUrl()) seen.authorizations.push(request.headers().authorization ?? null);
  });
  return seen;
}

async function signIn(page, { username, password }) {
  await page.fill('#tg-username', username);
  await page.fill('#tg-password', password);
  await page.click('#tg-sign-in');
  await page.waitForSelector('#tg-signed-in', { timeout: STEP_TIMEOUT_MS });
}

/** Sign-out revokes the refresh token at Cognito and forgets the session. */
async function signOut(page) {
  const revoked = page.waitForResponse((response) => response.request().headers()['x-amz-target'] === 'AWSCognitoIdentityProviderService.RevokeToken');
  await page.click('#tg-sign-out');
  await page.waitForSelector('#tg-username', { timeout: STEP_TIMEOUT_MS });
  expect((await revoked).ok(), 'RevokeToken was refused');
  const stored = await page.evaluate(() => sessionStorage.getItem('tenantgraph.explorer.session'));
  expect(stored === null, 'the session is still in sessionStorage after sign-out');
}

async function roleShown(page, role) {
  await page.waitForFunction((expected) => document.querySelector('#tg-role')?.textContent === expected, role, { timeout: STEP_TIMEOUT_MS });
}

/**
 * Replaces the operation editor's text (Monaco) with a one-line named operation, lets GraphiQL's prettify button lay
 * it out (typed line breaks would meet Monaco's auto-indent and auto-closing), waits until GraphiQL has parsed it (the
 * tab takes the operation's name: a click before that would send the previous operation's name), and runs it.
 */
async function run(page, operation) {
  const name = operation.match(/^(?:query|mutation)\s+(\w+)/)?.[1];
  expect(name, `the test's operations are named: ${operation}`);
  await page.click('.graphiql-query-editor .monaco-editor .view-lines');
  await page.keyboard.press('ControlOrMeta+KeyA');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(operation);
  await page.click('.graphiql-toolbar button[aria-label^="Prettify"]');
  await page.waitForFunction(() => document.querySelectorAll('.graphiql-query-editor .view-line').length > 1);
  await page.waitForFunction((expected) => document.querySelector('.graphiql-tab-active .graphiql-tab-button')?.textContent === expected, name);
  await page.click('.graphiql-execute-button');
}

/** Autocompletion works: Monaco's GraphQL worker suggests the fields of `me` from the introspected schema. */
async function suggests(page, partial, field) {
  await page.click('.graphiql-query-editor .monaco-editor .view-lines');
  await page.keyboard.press('ControlOrMeta+KeyA');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(partial);
  await page.keyboard.press('Control+Space');
  await page.waitForFunction((expected) => [...document.querySelectorAll('.suggest-widget .monaco-list-row')]
    .some((row) => row.getAttribute('aria-label')?.startsWith(expected) || row.textContent.startsWith(expected)), field, { timeout: STEP_TIMEOUT_MS });
  await page.keyboard.press('Escape');
}

/**
 * Makes the stored session look as if its ID token had arrived so long ago that it expires in two minutes (the page
 * reckons expiry from the token's lifetime and the time it arrived), as when a tab comes back after a long while.
 */
async function ageStoredSession(page) {
  await page.evaluate(() => {
    const key = 'tenantgraph.explorer.session';
    const stored = JSON.parse(sessionStorage.getItem(key));
    const claims = JSON.parse(atob(stored.idToken.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    stored.receivedAt = Date.now() - (claims.exp - claims.iat) * 1000 + 2 * 60 * 1000;
    sessionStorage.setItem(key, JSON.stringify(stored));
  });
}

async function responseContains(page, ...texts) {
  await page.waitForFunction((expected) => {
    // Monaco renders spaces as no-break spaces
    const shown = (document.querySelector('.graphiql-response .view-lines')?.textContent ?? '').replace(/\u00a0/g, ' ');
    return expected.every((text) => shown.includes(text));
  }, texts, { timeout: STEP_TIMEOUT_MS });
}

/** No JWT anywhere in localStorage, and none in the URL. */
async function noTokenOutsideSessionStorage(page, when) {
  const leaks = await page.evaluate(() => {
    const jwt = /eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/;
    const found = [];
    for (let i = 0; i < localStorage.length; i += 1) {
      const key = localStorage.key(i);
      if (jwt.test(localStorage.getItem(key))) found.push(`localStorage["${key}"]`);
    }
    if (jwt.test(window.location.href)) found.push('the URL');
    return found;
  });
  expect(leaks.length === 0, `${when}: a token is kept in ${leaks.join(', ')}`);
}

/** A session for a demo user straight from Cognito (USER_PASSWORD_AUTH through the page's explorer client). */
async function idToken(cognito, { username, password }) {
  const response = await fetch(cognito.endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': 'AWSCognitoIdentityProviderService.InitiateAuth' },
    body: JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: cognito.clientId, AuthParameters: { USERNAME: username, PASSWORD: password } }),
  });
  expect(response.ok, `InitiateAuth for ${username} answered ${response.status}`);
  return (await response.json()).AuthenticationResult.IdToken;
}

/**
 * CORS, as a front end on another origin meets it: a page served from its own little server (another port, so
 * another origin) calls the API with the headers well-known GraphQL clients add (Amplify's and the AWS SDK's
 * x-amz-user-agent, Apollo Client's client awareness), which makes the browser send a preflight first. The answer,
 * and API Gateway's own 401, must be readable there; a header the API does not allow must be refused by the browser.
 */
async function crossOrigin(context, graphqlUrl, token, shot) {
  const server = createServer((request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end('<!doctype html><title>A front end on another origin</title><h1>another origin</h1>');
  });
  await new Promise((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  const origin = `http://localhost:${server.address().port}`;
  const page = await context.newPage();
  try {
    await page.goto(`${origin}/`);
    const outcome = await page.evaluate(async ({ url, authorization }) => {
      const call = async (headers) => {
        try {
          const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify({ query: '{ me { email role } }' }) });
          return { status: response.status, body: await response.text() };
        } catch (error) {
          return { refused: String(error) };
        }
      };
      const clientHeaders = {
        'x-amz-user-agent': 'aws-amplify/6.0.0 api/1 framework/1',
        'apollographql-client-name': 'tenantgraph-web',
        'apollographql-client-version': '1.0.0',
      };
      return {
        signedIn: await call({ Authorization: authorization, ...clientHeaders }),
        anonymous: await call(clientHeaders),
        unknownHeader: await call({ Authorization: authorization, 'x-not-allowed-by-the-api': '1' }),
      };
    }, { url: graphqlUrl, authorization: `Bearer ${token}` });
    expect(outcome.signedIn.status === 200 && /"role":"MEMBER"/.test(outcome.signedIn.body ?? ''), `a query from ${origin} with GraphQL clients' headers: ${JSON.stringify(outcome.signedIn)}`);
    expect(outcome.anonymous.status === 401 && /UNAUTHENTICATED/.test(outcome.anonymous.body ?? ''), `API Gateway's 401 is not readable from ${origin}: ${JSON.stringify(outcome.anonymous)}`);
    expect(outcome.unknownHeader.refused, `a header the API does not allow went through the preflight: ${JSON.stringify(outcome.unknownHeader)}`);
    await shot(page, '5-another-origin');
    return origin;
  } finally {
    await page.close();
    await new Promise((resolveClose) => server.close(resolveClose));
  }
}

async function main() {
  const config = configuration();
  requireBrowser(config.browser);
  mkdirSync(config.screenshots, { recursive: true });
  const shot = (page, name) => page.screenshot({ path: join(config.screenshots, `${name}.png`) });

  const browser = await chromium.launch({ executablePath: config.browser, args: ['--no-sandbox', '--disable-gpu'], headless: true });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  try {
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    let graphqlUrl = null;
    const seen = watch(page, () => graphqlUrl);
    await page.exposeFunction('reportCspViolation', (violation) => seen.violations.push(violation));
    await page.addInitScript(() => document.addEventListener('securitypolicyviolation', (event) => {
      window.reportCspViolation(`${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} at ${event.sourceFile}:${event.lineNumber}`);
    }));

    // The page and its policy, as served.
    const response = await page.goto(config.url, { waitUntil: 'load' });
    expect(response?.ok(), `GET ${config.url} answered ${response?.status()}`);
    const served = await response.text();
    const cspFailures = checkServedPage(served, response.headers()['content-security-policy']);
    expect(cspFailures.length === 0, `the served page's policy: ${cspFailures.join('; ')}`);
    const pageConfig = await page.evaluate(() => JSON.parse(document.getElementById('tenantgraph-config').textContent));
    graphqlUrl = new URL(pageConfig.graphqlUrl, config.url).href;
    const allowedOrigins = new Set([new URL(config.url).origin, ...connectOrigins(pageConfig)]);
    await page.waitForSelector('#tg-username');
    await shot(page, '1-signed-out');

    // A MEMBER signs in: who they are shows, the schema loads (docs), a query returns data.
    await signIn(page, config.member);
    await roleShown(page, 'MEMBER');
    expect((await page.textContent('#tg-email')) === config.member.username, 'the bar does not show the MEMBER\'s email');
    await page.click('.graphiql-sidebar button[aria-label="Show Documentation Explorer"]');
    await page.waitForSelector('.graphiql-doc-explorer', { timeout: STEP_TIMEOUT_MS });
    await page.waitForFunction(() => /query: Query/.test(document.querySelector('.graphiql-doc-explorer')?.textContent ?? ''), null, { timeout: STEP_TIMEOUT_MS });
    await suggests(page, '{ me { ', 'email');
    await run(page, 'query MyProjects { me { email role } projects(first: 3) { edges { node { key name } } } }');
    await responseContains(page, `"email": "${config.member.username}"`, '"role": "MEMBER"', '"key": ');
    await page.waitForSelector('#tg-outcome.tg-ok');
    await noTokenOutsideSessionStorage(page, 'signed in as MEMBER');
    await shot(page, '2-member-query');

    // The tab is reloaded two minutes before the ID token expires: the session survives the reload (sessionStorage),
    // the page refreshes the token first (REFRESH_TOKEN_AUTH) and sends the new one.
    const before = seen.authorizations.at(-1);
    await ageStoredSession(page);
    const refreshed = page.waitForResponse((response) => response.request().postDataJSON?.()?.AuthFlow === 'REFRESH_TOKEN_AUTH');
    await page.reload({ waitUntil: 'load' });
    expect((await refreshed).ok(), 'the refresh was refused');
    await roleShown(page, 'MEMBER');
    expect(seen.refreshes === 1, `expected one REFRESH_TOKEN_AUTH for a token about to expire, saw ${seen.refreshes}`);
    await run(page, 'query AfterTheRefresh { me { email role } }');
    await responseContains(page, '"role": "MEMBER"');
    const after = seen.authorizations.at(-1);
    expect(before && after && after !== before && after.startsWith('Bearer '), 'the query after the refresh did not carry a new ID token');

    // Sign-out revokes the refresh token and forgets the session.
    await signOut(page);

    // A VIEWER signs in and may not write: FORBIDDEN, shown plainly.
    await signIn(page, config.viewer);
    await roleShown(page, 'VIEWER');
    await run(page, 'mutation NotForViewers { createProject(input: {key: "BROWSER", name: "Browser test"}) { project { id } } }');
    await responseContains(page, '"code": "FORBIDDEN"');
    await page.waitForFunction(() => document.querySelector('#tg-outcome')?.dataset.codes === 'FORBIDDEN');
    await noTokenOutsideSessionStorage(page, 'signed in as VIEWER');
    await shot(page, '3-viewer-forbidden');

    await signOut(page);
    await shot(page, '4-signed-out-again');

    // A front end on another origin calls the API the way GraphQL client libraries do.
    expect(pageConfig.cognito, 'the page has no sign-in (config.cognito is null): the cross-origin step needs the explorer client');
    const otherOrigin = await crossOrigin(context, graphqlUrl, await idToken(pageConfig.cognito, config.member), shot);

    expect(seen.revocations === 2, `expected a RevokeToken per sign-out, saw ${seen.revocations}`);
    expect(seen.violations.length === 0, `Content-Security-Policy violations: ${seen.violations.join('; ')}`);
    expect(seen.pageErrors.length === 0, `uncaught errors in the page: ${seen.pageErrors.join('; ')}`);
    const elsewhere = seen.requests.filter((url) => !/^(data|blob):/.test(url) && !allowedOrigins.has(new URL(url).origin));
    expect(elsewhere.length === 0, `requests to other origins: ${[...new Set(elsewhere)].join(', ')}`);
    console.log(`GraphiQL browser test passed: ${config.url} (${seen.requests.length} requests, all to ${[...allowedOrigins].join(', ')}); CORS from ${otherOrigin}; screenshots in ${config.screenshots}`);
  } catch (error) {
    await shot(page, 'failure').catch(() => {});
    console.error(`the page at the failure: ${join(config.screenshots, 'failure.png')}`);
    throw error;
  } finally {
    await browser.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Failure ? `FAILED: ${error.message}` : error);
  process.exit(EXIT.FAILED);
});
