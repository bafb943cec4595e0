#!/usr/bin/env node
// DEVELOPMENT ONLY. Not deployed, not used by the API: the GraphQL Lambda serves the page itself at GET /graphiql.
//
// Serves dist/graphiql.html at http://127.0.0.1:PORT/graphiql exactly as the Lambda does (GraphiQlPage):
// the config block filled in once at start, gzip-compressed once, a strong ETag, the headers of serve-rules.mjs. The
// endpoints come from a running `./dev up` (its outputs.json), so the page talks to the real local API and
// cognito-local (both answer CORS for any origin).
//
//   npm run build && npm run dev            GRAPHIQL_DEV_PORT (3102), TG_OUTPUTS (../../.local/outputs.json),
//                                           TG_EXPLORER_CLIENT_ID (the outputs' explorerClientId or userPoolClientId),
//                                           TG_SIGN_IN=off (no explorer client: "cognito": null)
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { configBlock, etag as etagOf, pageHeaders } from './serve-rules.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const outputsPath = resolve(process.env.TG_OUTPUTS ?? join(here, '..', '..', '.local', 'outputs.json'));
const port = Number(process.env.GRAPHIQL_DEV_PORT ?? 3102);
const dist = join(here, 'dist');

const outputs = JSON.parse(readFileSync(outputsPath, 'utf8'));
const manifest = JSON.parse(readFileSync(join(dist, 'graphiql.json'), 'utf8'));
const config = {
  graphqlUrl: outputs.graphqlUrl,
  graphqlWsUrl: outputs.graphqlWsUrl ?? null,
  cognito: process.env.TG_SIGN_IN === 'off' ? null : {
    region: outputs.region,
    endpoint: outputs.cognitoEndpoint,
    clientId: process.env.TG_EXPLORER_CLIENT_ID ?? outputs.explorerClientId ?? outputs.userPoolClientId,
  },
};
const block = configBlock(config);
const html = readFileSync(join(dist, manifest.page), 'utf8').replace(manifest.configPlaceholder, () => block);
const gzipped = gzipSync(html, { level: 6 });
const etag = etagOf(manifest, block);
const headers = pageHeaders(manifest, config);

const server = createServer((request, response) => {
  const path = new URL(request.url, 'http://localhost').pathname;
  if (path !== '/graphiql' || request.method !== 'GET') {
    response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found: the page is at /graphiql\n');
    return;
  }
  if (request.headers['if-none-match'] === etag) {
    response.writeHead(304, { ...headers, ETag: etag }).end();
    return;
  }
  if (!/\bgzip\b/.test(request.headers['accept-encoding'] ?? '')) {
    response.writeHead(406, { 'Content-Type': 'text/plain' }).end('this page is sent gzip-compressed only\n');
    return;
  }
  response.writeHead(200, {
    ...headers, 'Content-Type': 'text/html; charset=utf-8', 'Content-Encoding': 'gzip', ETag: etag, Vary: 'Accept-Encoding',
  }).end(gzipped);
});
server.listen(port, '127.0.0.1', () => {
  console.log(`GraphiQL (development server) at http://127.0.0.1:${port}/graphiql -> API ${config.graphqlUrl}`);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
