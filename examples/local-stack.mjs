// Plumbing shared by the JavaScript examples, not part of what they show: where the running local stack is, and how
// an example ends. Exit codes: 0 every answer was the expected one; 1 an unexpected answer (printed as
// "UNEXPECTED: …") or error; 2 the outputs file cannot be read (no stack running).
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** An answer the example did not expect: the example fails with exit code 1. */
export class Unexpected extends Error {}

export function expect(condition, message) {
  if (!condition) throw new Unexpected(message);
}

/**
 * The running stack's endpoints, app client id and demo users: the .local/outputs.json that `./dev up` writes (as a
 * deployed stack's Outputs would give them), or the file TG_OUTPUTS names.
 */
export function readOutputs() {
  const path = resolve(process.env.TG_OUTPUTS ?? join(dirname(fileURLToPath(import.meta.url)), '..', '.local', 'outputs.json'));
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    console.error(`cannot read ${path} (${error.code ?? error.message}): start the stack with ./dev up, or set TG_OUTPUTS`);
    process.exit(2);
  }
}

/** Runs an example's main function and turns its outcome into the exit code. */
export function runExample(main) {
  main().catch((error) => {
    console.error(error instanceof Unexpected ? `UNEXPECTED: ${error.message}` : error);
    process.exit(1);
  });
}
