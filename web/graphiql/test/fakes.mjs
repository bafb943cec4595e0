// Test doubles for the page's modules: a JWT with chosen claims, a Storage, timers and a scripted Cognito.

export function jwt(claims) {
  const part = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', kid: 'test' })}.${part(claims)}.signature`;
}

/** An ID token issued at `iat` (seconds, Cognito's clock) that lives `lifetime` seconds (an hour by default). */
export function idToken({ email = 'max@acme.test', tenantId = 'acme', groups = ['MEMBER'], iat, lifetime = 3600, sub = 'sub-1' }) {
  return jwt({ sub, email, 'custom:tenantId': tenantId, 'cognito:groups': groups, iat, exp: iat + lifetime, token_use: 'id' });
}

export class MemoryStorage {
  items = new Map();
  getItem(key) { return this.items.has(key) ? this.items.get(key) : null; }
  setItem(key, value) { this.items.set(key, String(value)); }
  removeItem(key) { this.items.delete(key); }
}

/** Timers that only record what was scheduled; run() fires the latest one. */
export class ManualTimers {
  scheduled = [];
  setTimeout(callback, delay) { this.scheduled.push({ callback, delay }); return this.scheduled.length; }
  clearTimeout() {}
  get lastDelay() { return this.scheduled.at(-1)?.delay; }
  run() { return this.scheduled.at(-1).callback(); }
}

/** A Cognito whose answers the test sets; every call is recorded. */
export class ScriptedCognito {
  calls = [];
  constructor(answers) { this.answers = answers; }
  async #answer(name, args) {
    this.calls.push({ name, args });
    const answer = this.answers[name];
    return typeof answer === 'function' ? answer(...args) : answer;
  }
  signIn(...args) { return this.#answer('signIn', args); }
  setNewPassword(...args) { return this.#answer('setNewPassword', args); }
  refresh(...args) { return this.#answer('refresh', args); }
  revoke(...args) { return this.#answer('revoke', args); }
}
