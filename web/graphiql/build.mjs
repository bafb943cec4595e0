#!/usr/bin/env node
// Builds the GraphiQL page into ONE self-contained HTML file (script, styles and Monaco's workers inlined) plus a
// manifest with the Content-Security-Policy hash of its inline script. The server fills in the page's
// configuration block when it serves it (the GraphQL Lambda's GraphiQlPage) and sends the CSP the manifest describes.
//
//   node build.mjs [--out DIR] [--skip-if-current]      (default: dist/)   ->   DIR/graphiql.html, DIR/graphiql.json
// --skip-if-current: do nothing when DIR already holds the build of these very inputs (lockfile, build.mjs, src/).
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const outIndex = process.argv.indexOf('--out');
const outDir = resolve(outIndex > 0 ? process.argv[outIndex + 1] : join(here, 'dist'));
const inputsSha256 = await inputsHash();
if (process.argv.includes('--skip-if-current') && await builtFrom(outDir) === inputsSha256) {
  console.log(`graphiql.html in ${outDir} is current`);
  process.exit(0);
}

/** The config block's placeholder: the server replaces exactly this text (GraphiQlPage in the GraphQL Lambda). */
export const CONFIG_PLACEHOLDER = '@@TENANTGRAPH_CONFIG@@';
const TARGET = ['es2022', 'chrome111', 'firefox113', 'safari16.4'];

const common = {
  bundle: true,
  minify: true,
  format: 'iife',
  target: TARGET,
  legalComments: 'eof',
  charset: 'utf8',
  logLevel: 'warning',
  write: false,
  define: { 'process.env.NODE_ENV': '"production"' },
  absWorkingDir: here,
};

async function bundleWorker(entry) {
  const result = await esbuild.build({ ...common, entryPoints: [join(here, 'src', entry)] });
  return result.outputFiles[0].text;
}

/** The virtual module `tenantgraph:worker-sources`: the three worker bundles as strings. */
function workerSources(sources) {
  return {
    name: 'worker-sources',
    setup(build) {
      build.onResolve({ filter: /^tenantgraph:worker-sources$/ }, (args) => ({ path: args.path, namespace: 'workers' }));
      build.onLoad({ filter: /.*/, namespace: 'workers' }, () => ({
        contents: `export default ${JSON.stringify(sources)};`,
        loader: 'js',
      }));
    },
  };
}

const sources = {
  editor: await bundleWorker('worker-editor.js'),
  json: await bundleWorker('worker-json.js'),
  graphql: await bundleWorker('worker-graphql.js'),
};

const app = await esbuild.build({
  ...common,
  entryPoints: [join(here, 'src', 'main.jsx')],
  outdir: join(here, 'out'),
  jsx: 'automatic',
  loader: { '.ttf': 'dataurl', '.woff': 'dataurl', '.woff2': 'dataurl', '.svg': 'dataurl', '.png': 'dataurl' },
  plugins: [workerSources(sources)],
  metafile: true,
});
const script = await inlineSafe(single(app.outputFiles, '.js'));
const style = single(app.outputFiles, '.css');
forbid(style, /<\/style/i, 'the style contains "</style"');

const template = await readFile(join(here, 'src', 'page.html'), 'utf8');
if (template.split(CONFIG_PLACEHOLDER).length !== 2) throw new Error(`page.html must hold ${CONFIG_PLACEHOLDER} once`);
// A function as replacement: the bundle's own "$&" or "$'" must not be read as replacement patterns.
const html = template.replace('/*@@STYLE@@*/', () => style).replace('/*@@SCRIPT@@*/', () => script);
if (html.split(CONFIG_PLACEHOLDER).length !== 2) throw new Error(`the bundle itself contains ${CONFIG_PLACEHOLDER}`);

const manifest = {
  page: 'graphiql.html',
  configPlaceholder: CONFIG_PLACEHOLDER,
  // CSP source expression of the one inline <script>, over its exact text.
  scriptHashes: [cspHash(script)],
  bytes: Buffer.byteLength(html),
  gzipBytes: gzipSync(html, { level: 9 }).length,
  parts: {
    scriptBytes: Buffer.byteLength(script),
    styleBytes: Buffer.byteLength(style),
    workerBytes: Object.fromEntries(Object.entries(sources).map(([name, text]) => [name, Buffer.byteLength(text)])),
  },
  inputsSha256,
  packages: await versions(['graphiql', '@graphiql/react', 'react', 'react-dom', 'graphql', 'graphql-ws', 'monaco-editor', 'monaco-graphql']),
};

await mkdir(outDir, { recursive: true });
await writeFile(join(outDir, 'graphiql.html'), html);
await writeFile(join(outDir, 'graphiql.json'), JSON.stringify(manifest, null, 2) + '\n');
console.log(`graphiql.html: ${kib(manifest.bytes)} (${kib(manifest.gzipBytes)} gzipped) -> ${outDir}`);
console.log(`  script ${kib(manifest.parts.scriptBytes)} (workers ${Object.entries(manifest.parts.workerBytes).map(([n, b]) => `${n} ${kib(b)}`).join(', ')}), style ${kib(manifest.parts.styleBytes)}`);

/** One hash over everything the page is built from: the lockfile, this script and every file under src/. */
async function inputsHash() {
  const hash = createHash('sha256');
  const files = ['package-lock.json', 'build.mjs', ...(await readdir(join(here, 'src'), { recursive: true })).map((name) => join('src', name)).sort()];
  for (const file of files) {
    const content = await readFile(join(here, file)).catch((error) => (error.code === 'EISDIR' ? null : Promise.reject(error)));
    if (content) hash.update(file).update('\0').update(content).update('\0');
  }
  return hash.digest('hex');
}

async function builtFrom(dir) {
  try {
    await readFile(join(dir, 'graphiql.html'));
    return JSON.parse(await readFile(join(dir, 'graphiql.json'), 'utf8')).inputsSha256;
  } catch {
    return null;
  }
}

function single(files, extension) {
  const matches = files.filter((file) => file.path.endsWith(extension));
  if (matches.length !== 1) throw new Error(`expected one ${extension} output, got ${matches.length}`);
  return matches[0].text;
}

/**
 * Makes the bundle safe inside <script>…</script>. The HTML parser ends a script element at "</script" and, after a
 * "<!--", treats "<script" and "</script" specially, so none of the three may appear. esbuild already writes
 * "</script" as "<\/script"; the "<!--" and "<script" left sit in string, template and regex literals (markdown-it's,
 * DOMPurify's and React's HTML handling), where "\x3C" means the same "<". The result is parsed again to be sure it is
 * still JavaScript, and checked to hold none of the three.
 */
async function inlineSafe(code) {
  const escaped = code.replace(/<!--/g, '\\x3C!--').replace(/<script/gi, (match) => '\\x3C' + match.slice(1));
  await esbuild.transform(escaped, { loader: 'js', logLevel: 'silent' });
  forbid(escaped, /<\/script|<!--|<script/i, 'the script still contains "</script", "<!--" or "<script"');
  return escaped;
}

function forbid(text, pattern, message) {
  if (pattern.test(text)) throw new Error(`${message}: it cannot be inlined safely`);
}

function cspHash(text) {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

async function versions(names) {
  const entries = await Promise.all(names.map(async (name) => {
    const pkg = JSON.parse(await readFile(join(here, 'node_modules', name, 'package.json'), 'utf8'));
    return [name, pkg.version];
  }));
  return Object.fromEntries(entries);
}

function kib(bytes) {
  return `${(bytes / 1024).toFixed(0)} KiB`;
}
