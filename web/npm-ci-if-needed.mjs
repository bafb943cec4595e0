#!/usr/bin/env node
// Installs each given npm package folder from its lockfile, unless it already was from this very lockfile:
//
//   node web/npm-ci-if-needed.mjs web/graphiql web/browser-test examples/fetch-client …
//
// `npm ci` deletes node_modules and installs again every time (30 s for web/graphiql here), which a build that runs
// on each `./dev up` should not pay twice. After a successful `npm ci` this writes the lockfile's sha256 into
// node_modules/.installed-lock-sha256; the next run skips a folder whose stamp matches. A fresh clone (CI) always
// installs. Install scripts are off (--ignore-scripts): none of these packages needs one (esbuild's binary comes
// from its platform package). Exit code: 0, or npm's own when an install fails. No dependencies of its own.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const STAMP = join('node_modules', '.installed-lock-sha256');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

for (const folder of process.argv.slice(2).map((path) => resolve(path))) {
  const lockfile = join(folder, 'package-lock.json');
  if (!existsSync(lockfile)) {
    console.error(`${folder}: no package-lock.json`);
    process.exit(2);
  }
  const lockHash = createHash('sha256').update(readFileSync(lockfile)).digest('hex');
  const stamp = join(folder, STAMP);
  if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === lockHash) {
    console.log(`${folder}: node_modules is current`);
    continue;
  }
  console.log(`${folder}: npm ci`);
  const result = spawnSync(npm, ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: folder, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`${folder}: npm ci failed (${result.error?.message ?? `exit ${result.status}`})`);
    process.exit(result.status || 1);
  }
  writeFileSync(stamp, `${lockHash}\n`);
}
