#!/usr/bin/env node
// Fails (exit 1) if the built page could reach any origin but its own and the endpoints the server configures.
//
//   node check.mjs [--out DIR]        the built page (default dist/): markup, stylesheet and script
//   node check.mjs --served URL       also the page as a server sends it: its config block and its CSP header
//
// What it holds the page to:
//   - markup: no element that loads anything (no src, href, srcset, <link>, <base>, <iframe>, <object>, <embed>,
//     <img>, meta refresh); exactly one inline <script>, one inline <style>, one JSON config block;
//   - stylesheet: every url() is a data: URL, no @import;
//   - script: every absolute URL written in it is one of the KNOWN entries below, each with the reason it is never
//     loaded. A dependency upgrade that brings a new one fails here until someone has looked at it;
//   - served (--served): the CSP header allows scripts by hash only, workers from blob: only, fonts and images from
//     data: only, and connections to 'self' and exactly the origins of the config block the page was served with.
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { connectOrigins } from './serve-rules.mjs';

const here = dirname(fileURLToPath(import.meta.url));

/** URL prefixes written in the bundle's code, and why none of them is ever requested by the page. */
const KNOWN = [
  ['http://www.w3.org/', 'XML, SVG, MathML and XHTML namespace names (identifiers, not locations)'],
  ['http://json-schema.org/', 'JSON Schema $schema identifiers in Monaco\'s JSON service (remote schemas are off; connect-src would refuse them)'],
  ['https://json-schema.org/', 'JSON Schema $schema identifiers, as above'],
  ['https://react.dev/errors/', 'React\'s error messages name the page that explains the error'],
  ['https://prettier.io/docs/', 'text of a Prettier error message'],
  ['https://yarnpkg.com/en/docs/', 'text of graphql-js\'s duplicate-module error message'],
  ['https://github.com/', 'links in error messages, licence headers and the GraphiQL logo (opened by the user in a new tab, never loaded)'],
  ['https://code.visualstudio.com/', 'links in Monaco\'s help texts and GraphiQL\'s keyboard-shortcut dialog (user-opened)'],
  ['https://en.wikipedia.org/', 'link in graphql-js\'s description of Float'],
  ['https://commonmark.org/', 'link in graphql-js\'s description of @specifiedBy/descriptions'],
  ['https://microsoft.com', 'an example URL in Monaco\'s markdown link parsing'],
  ['http://${', 'markdown-it\'s and Monaco\'s link detection turning text into a link (a user-opened link)'],
  ['http://', 'the same in marked (Monaco\'s hover markdown): "http://" + a www. text', { exact: true }],
];
const URL_PATTERN = /\b(?:https?|wss?|ftp):\/\/[^\s"'`)<>\\]*/gi;

export function checkBuiltPage(html) {
  const failures = [];
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
  const styles = [...html.matchAll(/<style\b([^>]*)>([\s\S]*?)<\/style>/gi)];
  const executable = scripts.filter(([, attributes]) => !/type="application\/json"/.test(attributes));
  const config = scripts.filter(([, attributes]) => /type="application\/json"/.test(attributes));
  if (executable.length !== 1 || executable[0][1].trim() !== '') failures.push('markup: expected exactly one inline <script> without attributes');
  if (config.length !== 1 || !/id="tenantgraph-config"/.test(config[0][1])) failures.push('markup: expected exactly one JSON config block #tenantgraph-config');
  if (styles.length !== 1) failures.push('markup: expected exactly one inline <style>');

  const markup = html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '<script></script>').replace(/<style\b[^>]*>[\s\S]*?<\/style>/gi, '<style></style>');
  for (const [pattern, what] of [
    [/\s(?:src|href|srcset|action|formaction|poster|data|background|ping)\s*=/i, 'an attribute that loads or sends to a URL'],
    [/<(?:link|base|iframe|frame|object|embed|img|image|audio|video|source|track|form)\b/i, 'an element that loads a resource'],
    [/http-equiv\s*=\s*["']?refresh/i, 'a meta refresh'],
  ]) {
    if (pattern.test(markup)) failures.push(`markup: ${what}: ${markup.match(pattern)[0]}`);
  }

  const css = styles.map(([, , text]) => text).join('\n');
  for (const [, raw] of css.matchAll(/url\(\s*([^)]*?)\s*\)/gi)) {
    const target = raw.replace(/^["']|["']$/g, '');
    if (!target.startsWith('data:')) failures.push(`stylesheet: url(${target.slice(0, 80)}) is not a data: URL`);
  }
  if (/@import\b/i.test(css)) failures.push('stylesheet: @import');

  const js = executable.map(([, , text]) => text).join('\n');
  const unknown = new Map();
  for (const [url] of js.matchAll(URL_PATTERN)) {
    if (!KNOWN.some(([prefix, , how]) => (how?.exact ? url === prefix : url.startsWith(prefix)))) unknown.set(url, (unknown.get(url) ?? 0) + 1);
  }
  for (const [url, count] of unknown) failures.push(`script: an unexplained absolute URL (${count}x): ${url.slice(0, 120)}`);
  return failures;
}

/** The served page: its config block and its CSP header must agree, and the CSP must allow nothing else. */
export function checkServedPage(html, csp) {
  const failures = [];
  if (!csp) return ['served: no Content-Security-Policy header'];
  const block = html.match(/<script type="application\/json" id="tenantgraph-config">([\s\S]*?)<\/script>/);
  if (!block) return ['served: no config block'];
  let config;
  try {
    config = JSON.parse(block[1]);
  } catch {
    return ['served: the config block is not JSON (was the placeholder filled in?)'];
  }
  const allowedOrigins = new Set(connectOrigins(config));
  const directives = new Map(csp.split(';').map((part) => part.trim().split(/\s+/)).filter(([name]) => name).map(([name, ...sources]) => [name.toLowerCase(), sources]));
  const expect = (name, test, what) => {
    const sources = directives.get(name);
    if (!sources) failures.push(`csp: no ${name}`);
    else sources.filter((source) => !test(source)).forEach((source) => failures.push(`csp: ${name} allows ${source}, expected ${what}`));
  };
  expect('default-src', (s) => s === "'none'", "'none'");
  expect('script-src', (s) => /^'sha(256|384|512)-[A-Za-z0-9+/=]+'$/.test(s), 'hashes only');
  expect('style-src', (s) => s === "'unsafe-inline'", "'unsafe-inline' (Monaco)");
  expect('worker-src', (s) => s === 'blob:', 'blob:');
  expect('img-src', (s) => s === 'data:', 'data:');
  expect('font-src', (s) => s === 'data:', 'data:');
  expect('connect-src', (s) => s === "'self'" || allowedOrigins.has(s), `'self' or a configured origin (${[...allowedOrigins].join(' ') || 'none'})`);
  for (const origin of allowedOrigins) {
    if (!(directives.get('connect-src') ?? []).includes(origin)) failures.push(`csp: connect-src lacks the configured ${origin}`);
  }
  for (const name of ['base-uri', 'form-action', 'frame-ancestors']) expect(name, (s) => s === "'none'", "'none'");
  const known = new Set(['default-src', 'script-src', 'style-src', 'worker-src', 'img-src', 'font-src', 'connect-src', 'base-uri', 'form-action', 'frame-ancestors']);
  for (const name of directives.keys()) if (!known.has(name)) failures.push(`csp: unexpected directive ${name}`);
  return failures;
}

async function main(argv) {
  const outIndex = argv.indexOf('--out');
  const servedIndex = argv.indexOf('--served');
  const dist = resolve(outIndex >= 0 ? argv[outIndex + 1] : join(here, 'dist'));
  const html = await readFile(join(dist, 'graphiql.html'), 'utf8');
  const failures = checkBuiltPage(html);
  if (servedIndex >= 0) {
    const url = argv[servedIndex + 1];
    const response = await fetch(url, { headers: { 'Accept-Encoding': 'gzip' } });
    if (!response.ok) failures.push(`served: ${url} answered ${response.status}`);
    else failures.push(...checkServedPage(await response.text(), response.headers.get('content-security-policy')));
  }
  if (failures.length) {
    console.error(`GraphiQL page check FAILED (${failures.length}):\n  ${failures.join('\n  ')}`);
    process.exit(1);
  }
  console.log(`GraphiQL page check passed: ${dist}/graphiql.html${servedIndex >= 0 ? ` and ${argv[servedIndex + 1]}` : ''} reach no other origin`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main(process.argv.slice(2));
