#!/usr/bin/env node
// Runs cfn-guard with AWS Control Tower's proactive rules over template.yaml, offline, and compares the findings with
// suppressions.json:
//
//   node tools/cfn-guard/check.mjs [template.yaml]
//
// 1. SAM's transform (sam_transform.py, aws-sam-translator as installed with cfn-lint) turns the SAM template into the
//    CloudFormation that would be deployed, since the rules are written for CloudFormation resource types.
// 2. cfn-guard 3 and the rules come from the npm package @cdklabs/cdk-validator-cfnguard (pinned by package-lock.json,
//    installed by `npm ci`): the package bundles the cfn-guard binary for Linux and macOS and the rule files, so
//    nothing is downloaded at run time.
// 3. Every finding must be listed in suppressions.json (rule + logical id, with the reason), and every listed entry
//    must still be a finding: a new finding or a stale suppression fails the check.
//
// Exit code 0 when the findings are exactly the suppressed ones, 1 otherwise (with a report), 2 when a tool is missing.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const template = resolve(process.argv[2] ?? join(here, '..', '..', 'template.yaml'));
const packageDir = join(here, 'node_modules', '@cdklabs', 'cdk-validator-cfnguard');

function fail(code, message) {
  console.error(message);
  process.exit(code);
}

function guardBinary() {
  const os = { linux: 'ubuntu', darwin: 'macos' }[process.platform];
  const arch = { x64: 'x86_64', arm64: 'aarch64' }[process.arch];
  const binary = os && arch && join(packageDir, 'bin', os, arch, 'cfn-guard');
  if (!binary || !existsSync(binary)) {
    fail(2, `no bundled cfn-guard for ${process.platform}/${process.arch} in ${packageDir}`
      + ' (run `npm ci` in tools/cfn-guard; Linux and macOS, x86_64 and arm64 are bundled)');
  }
  return binary;
}

/** The logical ids of the resources a not-compliant rule names (cfn-guard's structured JSON report). */
function resourcesIn(node, found = new Set()) {
  if (Array.isArray(node)) {
    node.forEach((child) => resourcesIn(child, found));
  } else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'path' && typeof value === 'string' && value.startsWith('/Resources/')) {
        found.add(value.split('/')[2]);
      }
      resourcesIn(value, found);
    }
  }
  return found;
}

const python = process.env.TG_PYTHON ?? 'python3';
const transform = spawnSync(python, [join(here, 'sam_transform.py'), template], { encoding: 'utf8', maxBuffer: 64 << 20 });
if (transform.error) {
  fail(2, `cannot run ${python} (set TG_PYTHON): ${transform.error.message}`);
}
if (transform.status !== 0) {
  fail(transform.status === 2 ? 2 : 1, `SAM's transform of ${template} failed:\n${transform.stderr}`);
}

const binary = guardBinary();
const work = mkdtempSync(join(tmpdir(), 'tenantgraph-cfn-guard-'));
let outcome;
try {
  outcome = check(work);
} finally {
  rmSync(work, { recursive: true, force: true });
}
if (outcome.code !== 0) {
  fail(outcome.code, outcome.message);
}
console.log(outcome.message);

/** Transformed template in, findings compared with suppressions.json out: {code, message}. */
function check(work) {
  const transformed = join(work, 'template.json');
  writeFileSync(transformed, transform.stdout);
  const guard = spawnSync(binary, ['validate', '--rules', join(packageDir, 'rules', 'control-tower', 'cfn-guard'),
    '--data', transformed, '--structured', '--output-format', 'json', '--show-summary', 'none'],
  { encoding: 'utf8', maxBuffer: 64 << 20 });
  // cfn-guard exits 0 (compliant) or 19 (not compliant); anything else is an error of the run itself.
  if (guard.error || (guard.status !== 0 && guard.status !== 19)) {
    return { code: 2, message: `cfn-guard failed (${guard.error?.message ?? `exit ${guard.status}`}):\n${guard.stderr}` };
  }
  const findings = new Map();
  for (const report of JSON.parse(guard.stdout)) {
    for (const rule of report.not_compliant ?? []) {
      const name = rule.Rule?.name ?? 'unknown';
      const ids = findings.get(name) ?? new Set();
      resourcesIn(rule).forEach((id) => ids.add(id));
      findings.set(name, ids);
    }
  }

  const { suppressions } = JSON.parse(readFileSync(join(here, 'suppressions.json'), 'utf8'));
  const problems = [];
  for (const [rule, ids] of findings) {
    const suppressed = new Set(suppressions.filter((s) => s.rule === rule).flatMap((s) => s.resources));
    const open = [...ids].filter((id) => !suppressed.has(id)).sort();
    if (open.length > 0) {
      problems.push(`finding not fixed nor suppressed: ${rule} on ${open.join(', ')}`);
    }
  }
  for (const suppression of suppressions) {
    if (!suppression.reason?.trim()) {
      problems.push(`suppression of ${suppression.rule} has no reason`);
    }
    const stale = suppression.resources.filter((id) => !findings.get(suppression.rule)?.has(id));
    if (stale.length > 0) {
      problems.push(`stale suppression (no longer a finding, remove it): ${suppression.rule} on ${stale.join(', ')}`);
    }
  }
  const total = [...findings.values()].reduce((sum, ids) => sum + ids.size, 0);
  if (problems.length > 0) {
    return { code: 1, message: `cfn-guard (Control Tower rules) on ${template}:\n  ${problems.join('\n  ')}\n`
      + 'Fix the template, or add the finding with its reason to tools/cfn-guard/suppressions.json.' };
  }
  return { code: 0, message: `cfn-guard (Control Tower rules) on ${template}: ${findings.size} rules with ${total}`
    + ' findings, each suppressed with its reason in tools/cfn-guard/suppressions.json; no other finding.' };
}
