// The aws-jwt-verify side of the authorizer bench (com.tenantgraph.authorizer.bench.AuthorizerBench).
//
//   node bench.mjs <dir>           warm-up rounds, then timed rounds; prints one JSON line with the medians
//   node bench.mjs <dir> --serve   prints one "ready" JSON line, then runs one round per "round" line on stdin and
//                                  answers each with one JSON line (the Java bench interleaves its rounds with these)
//
// <dir> holds what the Java bench wrote: tokens.txt (one token a line: the same tokens its full-handler figure
// verifies), negatives.txt ("name<TAB>token" lines that must all be refused), jwks.json and config.json
// ({userPoolId, clientId, issuer, tenantClaim}).
//
// The verifier is aws-jwt-verify's CognitoJwtVerifier, configured the way a Node authorizer for this pool would be:
// tokenUse "id", the app client id, and the JWKS handed over up front with cacheJwks(), so no round touches the
// network. It checks the signature (RS256 with the kid's key), iss, token_use, aud (ID tokens) and exp/nbf. A small
// customJwtCheck adds what our authorizer also insists on before it can answer: an integer exp, a key-safe sub and a
// well-formed tenant claim. One thread: verifySync is synchronous, and verify() awaits each token in turn.

import { createPublicKey, verify } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { CognitoJwtVerifier } from "aws-jwt-verify";

const dir = process.argv[2];
if (!dir) {
  console.error("usage: node bench.mjs <dir> [--serve]");
  process.exit(2);
}
const serve = process.argv.includes("--serve");
const warmupRounds = Number(process.env.BENCH_WARMUP ?? 4);
const rounds = Number(process.env.BENCH_ROUNDS ?? 9);

const config = JSON.parse(readFileSync(join(dir, "config.json"), "utf8"));
const jwks = JSON.parse(readFileSync(join(dir, "jwks.json"), "utf8"));
const tokens = readFileSync(join(dir, "tokens.txt"), "utf8").split("\n").filter((line) => line.length > 0);
const negatives = readFileSync(join(dir, "negatives.txt"), "utf8")
  .split("\n")
  .filter((line) => line.length > 0)
  .map((line) => line.split("\t"));

const PRE_PASS = 200;
const SUB = /^[A-Za-z0-9_-]{1,128}$/;
const TENANT = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

const verifier = CognitoJwtVerifier.create({
  userPoolId: config.userPoolId,
  tokenUse: "id",
  clientId: config.clientId,
  customJwtCheck: ({ payload }) => {
    if (!Number.isInteger(payload.exp)) throw new Error("exp missing or not an integer");
    if (typeof payload.sub !== "string" || !SUB.test(payload.sub)) throw new Error("bad sub");
    const tenant = payload[config.tenantClaim];
    if (typeof tenant !== "string" || !TENANT.test(tenant)) throw new Error("bad tenant");
  },
});
verifier.cacheJwks(jwks);

// Node's floor, as the JDK's raw verify is ours: node:crypto's RS256 verify of each token's signing input with the
// same key, nothing else (the inputs and signatures decoded here, untimed: no base64url, no JSON, no claims).
const raws = tokens.map((token) => {
  const [rawHeader, rawPayload, rawSignature] = token.split(".");
  return { input: Buffer.from(`${rawHeader}.${rawPayload}`, "ascii"), sig: Buffer.from(rawSignature, "base64url") };
});
const rawKey = createPublicKey({ key: jwks.keys[0], format: "jwk" });

/** Keeps the results alive, so nothing can be optimised away. */
let sink = 0;

// Before any timing: the verifier accepts every token with our issuer, and refuses every negative for some reason.
for (const token of tokens) {
  const payload = verifier.verifySync(token);
  if (payload.iss !== config.issuer) {
    fail(`accepted a token whose iss is ${payload.iss}, not ${config.issuer}`);
  }
}
const refused = {};
for (const [name, token] of negatives) {
  try {
    verifier.verifySync(token);
    fail(`accepted the negative token "${name}"`);
  } catch (err) {
    refused[name] = err.constructor.name;
  }
}

function fail(message) {
  console.log(JSON.stringify({ error: message }));
  process.exit(1);
}

function perSecond(count, startNs) {
  return count / (Number(process.hrtime.bigint() - startNs) / 1e9);
}

/**
 * One round, after an untimed pre-pass over the first PRE_PASS tokens: every token once through verifySync, then
 * every token once through await verify(), then every token's raw node:crypto verify. A refused token throws.
 */
async function round() {
  // Untimed: the Java round that ran just before left the caches cold; AuthorizerBench does the same for (a).
  for (let i = 0; i < Math.min(PRE_PASS, tokens.length); i++) {
    sink += verifier.verifySync(tokens[i]).exp;
  }
  let accepted = 0;
  let start = process.hrtime.bigint();
  for (const token of tokens) {
    sink += verifier.verifySync(token).exp;
    accepted++;
  }
  const sync = perSecond(tokens.length, start);
  start = process.hrtime.bigint();
  for (const token of tokens) {
    sink += (await verifier.verify(token)).exp;
    accepted++;
  }
  const async = perSecond(tokens.length, start);
  start = process.hrtime.bigint();
  for (const raw of raws) {
    if (!verify("sha256", raw.input, rawKey, raw.sig)) fail("the raw verify failed");
    sink++;
  }
  const raw = perSecond(tokens.length, start);
  return { sync, async, raw, accepted };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  return n % 2 === 1 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

const about = {
  node: process.version,
  openssl: process.versions.openssl,
  awsJwtVerify: JSON.parse(
    readFileSync(new URL("./node_modules/aws-jwt-verify/package.json", import.meta.url), "utf8"),
  ).version,
  tokens: tokens.length,
  refused,
};

if (serve) {
  console.log(JSON.stringify({ ready: true, ...about }));
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    if (line.trim() !== "round") break;
    let r;
    try {
      r = await round();
    } catch (err) {
      fail(`refused a token in a timed round: ${err.constructor.name}: ${err.message}`);
    }
    console.log(JSON.stringify(r));
  }
} else {
  const sync = [];
  const async = [];
  const raw = [];
  for (let i = 0; i < warmupRounds + rounds; i++) {
    let r;
    try {
      r = await round();
    } catch (err) {
      fail(`refused a token in a timed round: ${err.constructor.name}: ${err.message}`);
    }
    if (i >= warmupRounds) {
      sync.push(r.sync);
      async.push(r.async);
      raw.push(r.raw);
    }
  }
  console.log(
    JSON.stringify({
      ...about,
      warmupRounds,
      rounds,
      sync: median(sync),
      async: median(async),
      raw: median(raw),
      syncRounds: sync,
      asyncRounds: async,
      rawRounds: raw,
    }),
  );
}
if (sink === -1) console.error(sink); // reads the sink once, so no loop above is dead code
