// Loads the GraphiQL page of a running `./dev up` in headless Chromium and uses it as a developer would: the page
// loads, a demo user's token goes into the headers editor, `{ me { email } }` runs, the schema is re-fetched and the
// docs and a dialog open. It fails on any Content-Security-Policy violation, page error or wrong answer.
//
// The CDN files are answered from the npm registry's tarballs of the exact versions the page names (the bytes
// jsDelivr serves), so this runs without the CDN and the browser's SRI check runs against the real files. It prints
// the sha384 of each file: the values GraphiQlPage pins. Usage: see README.md beside this file.
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const repoRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const stateDir = process.env.TG_STATE_DIR || path.join(repoRoot, '.local');
const outputs = JSON.parse(fs.readFileSync(path.join(stateDir, 'outputs.json'), 'utf8'));
const pageUrl = process.argv[2] || outputs.graphiqlUrl;
const outDir = process.env.OUT_DIR || fs.mkdtempSync(path.join(os.tmpdir(), 'graphiql-check-'));
const username = process.env.USERNAME_TO_USE || 'ada@acme.test';
const token = execFileSync(path.join(repoRoot, 'dev'), ['token', username], { encoding: 'utf8' }).trim();
const packages = fs.mkdtempSync(path.join(os.tmpdir(), 'graphiql-check-npm-'));
const failures = [];
const fail = (message) => { failures.push(message); console.log(`FAIL ${message}`); };

/** The file of `pkg@version` at `file`, from the npm registry tarball (unpacked once). */
function npmFile(spec, file) {
  const dir = path.join(packages, spec.replace('/', '+'));
  if (!fs.existsSync(dir)) {
    fs.mkdirSync(dir);
    const tarball = execFileSync('npm', ['pack', spec, '--silent', '--pack-destination', dir], { encoding: 'utf8' })
      .trim().split('\n').pop();
    execFileSync('tar', ['xzf', path.join(dir, tarball), '-C', dir]);
  }
  return fs.readFileSync(path.join(dir, 'package', file));
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const context = await browser.newContext({ viewport: { width: 1400, height: 800 } });
await context.addInitScript(() => {
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(
    `${e.effectiveDirective} refused ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`));
});
const api = new URL(pageUrl).origin;
await context.route('**/*', async (route) => {
  const url = new URL(route.request().url());
  const cdn = url.hostname === 'cdn.jsdelivr.net' && url.pathname.match(/^\/npm\/((?:@[^/]+\/)?[^/@]+@[^/]+)\/(.+)$/);
  if (cdn) {
    const body = npmFile(cdn[1], cdn[2]);
    console.log(`cdn  ${url.href}  sha384-${createHash('sha384').update(body).digest('base64')}`);
    return route.fulfill({ status: 200, body, headers: {
      'content-type': cdn[2].endsWith('.css') ? 'text/css' : 'application/javascript',
      'access-control-allow-origin': '*' } });
  }
  if (url.origin === api) {
    return route.continue();
  }
  fail(`the page asked for ${url.href}`);
  return route.abort();
});

const page = await context.newPage();
page.on('pageerror', (error) => fail(`page error: ${error.message}`));
const response = await page.goto(pageUrl);
console.log(`page ${pageUrl}: ${response.status()} ${response.headers()['content-type']}`);
console.log(`     content-security-policy: ${response.headers()['content-security-policy']}`);
await page.waitForSelector('.graphiql-container', { timeout: 20_000 });
await page.screenshot({ path: path.join(outDir, '1-loaded.png') });

await page.evaluate((headers) => [...document.querySelectorAll('.graphiql-editor-tool .CodeMirror')]
  .find((e) => e.CodeMirror.getValue().includes('"Authorization"')).CodeMirror.setValue(headers),
JSON.stringify({ Authorization: `Bearer ${token}` }, null, 2));
await page.evaluate(() => document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror
  .setValue('{ me { email } }'));
await page.click('.graphiql-execute-button');
await page.waitForFunction(() => document.querySelector('.result-window .CodeMirror').CodeMirror.getValue()
  .includes('"data"'), null, { timeout: 15_000 }).catch(() => {});
const result = await page.evaluate(() => document.querySelector('.result-window .CodeMirror').CodeMirror.getValue());
console.log(`{ me { email } } as ${username}: ${result.replace(/\s+/g, ' ')}`);
if (JSON.stringify(JSON.parse(result)) !== JSON.stringify({ data: { me: { email: username } } })) {
  fail('the query did not return the signed-in user');
}
await page.screenshot({ path: path.join(outDir, '2-query.png') });

await page.click('[aria-label="Re-fetch GraphQL schema"]');
await page.click('[aria-label="Show Documentation Explorer"]');
await page.waitForSelector('.graphiql-doc-explorer :text("Root Types")', { timeout: 10_000 })
  .catch(() => fail('the documentation explorer shows no schema'));
await page.screenshot({ path: path.join(outDir, '3-docs.png') });
await page.click('[aria-label="Open settings dialog"]');
await page.waitForSelector('[role="dialog"]');
await page.screenshot({ path: path.join(outDir, '4-dialog.png') });

for (const violation of await page.evaluate(() => window.__violations)) {
  fail(`Content-Security-Policy: ${violation}`);
}
const stored = await page.evaluate((t) => Object.keys(localStorage).filter((k) => localStorage[k].includes(t)), token);
if (stored.length) {
  fail(`the token is in localStorage: ${stored}`);
}
await browser.close();
console.log(`screenshots in ${outDir}`);
console.log(failures.length ? `${failures.length} failed` : 'GraphiQL works: no policy violation, no page error');
process.exit(failures.length ? 1 : 0);
