/**
 * The signed-in session of this browser tab: the Cognito tokens, kept in sessionStorage (this tab only, gone when it
 * closes; never localStorage, never a URL) so that a reload keeps the user signed in. The ID token is refreshed with
 * the refresh token shortly before it expires (a timer, and a check before every request, since browsers delay timers
 * in background tabs). Sign-out revokes the refresh token at Cognito and forgets everything.
 *
 * The token's claims are decoded for display only (email, tenant, groups); the API verifies the token, and the role
 * that counts is the membership record's, which the page asks the API for ({ me { role } }).
 *
 * Expiry is reckoned on this browser's clock from the token's lifetime (exp - iat, a duration on Cognito's clock) and
 * the moment the token arrived, never by comparing exp with the local clock: a skewed clock then neither lets a token
 * expire unnoticed nor makes the page refresh in a loop.
 */
export const STORAGE_KEY = 'tenantgraph.explorer.session';
/** Refresh this long before the ID token expires (a request in flight must not arrive with an expired token)… */
export const REFRESH_MARGIN_MS = 5 * 60 * 1000;
/** …but never before half its lifetime has passed (Cognito's shortest ID token lives 5 minutes). */
export const REFRESH_NOT_BEFORE_FRACTION = 0.5;
/** Before a request, a token with less than this left is refreshed first. */
export const REQUEST_MARGIN_MS = 60 * 1000;

export class Session {
  #cognito;
  #storage;
  #now;
  #timers;
  #state = null;
  #pending = null;
  #refreshing = null;
  #timer = null;
  #listeners = new Set();
  /** Counts sign-ins and sign-outs (not refreshes): GraphiQL re-fetches the schema when it changes. */
  identity = 0;
  /** Why the last session ended when the user did not sign out (refresh refused). */
  endedBecause = null;

  constructor(cognito, { storage = globalThis.sessionStorage, now = Date.now, timers = globalThis } = {}) {
    this.#cognito = cognito;
    this.#storage = storage;
    this.#now = now;
    this.#timers = timers;
    this.#restore();
  }

  /** { username, email, tenantId, groups, expiresAt } of the signed-in user, or null. */
  get user() {
    if (!this.#state) return null;
    const claims = this.#state.claims;
    return {
      username: this.#state.username,
      email: claims.email ?? null,
      tenantId: claims['custom:tenantId'] ?? null,
      groups: claims['cognito:groups'] ?? [],
      expiresAt: this.#state.expiresAt,
    };
  }

  /** True while a user with a temporary password (an operator-created ADMIN) must choose a new password before the sign-in completes. */
  get needsNewPassword() {
    return this.#pending !== null;
  }

  subscribe(listener) {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async signIn(username, password) {
    this.#accept(username, await this.#cognito.signIn(username, password));
  }

  async setNewPassword(newPassword) {
    if (!this.#pending) throw new Error('no sign-in is waiting for a new password');
    const { username, session } = this.#pending;
    this.#accept(username, await this.#cognito.setNewPassword(username, newPassword, session));
  }

  /** Sign-out: the refresh token is revoked at Cognito (best effort: the local state goes regardless). */
  async signOut() {
    const refreshToken = this.#state?.refreshToken;
    this.#end(null);
    if (refreshToken) {
      await this.#cognito.revoke(refreshToken).catch(() => {});
    }
  }

  /** The Authorization header value for a request now ("Bearer …"), refreshing first if needed; null if signed out. */
  async authorization() {
    if (!this.#state) return null;
    if (this.#state.expiresAt - this.#now() < REQUEST_MARGIN_MS) {
      try {
        await this.refresh();
      } catch (error) {
        // Cognito unreachable: a token that has not expired yet still serves this request.
        if (!this.#state || this.#state.expiresAt <= this.#now()) throw error;
      }
    }
    return this.#state ? `Bearer ${this.#state.idToken}` : null;
  }

  /** One refresh at a time; a refused refresh token (revoked, expired) ends the session. */
  refresh() {
    if (!this.#state) return Promise.resolve();
    this.#refreshing ??= this.#doRefresh().finally(() => { this.#refreshing = null; });
    return this.#refreshing;
  }

  async #doRefresh() {
    const { username, refreshToken } = this.#state;
    const stillCurrent = () => this.#state?.refreshToken === refreshToken;
    let fresh;
    try {
      fresh = await this.#cognito.refresh(refreshToken);
    } catch (error) {
      if (!stillCurrent()) return; // signed out (or in as someone else) meanwhile
      if (error.type === 'NotAuthorizedException') {
        this.#end(`the session ended (${error.message}); sign in again`);
        return;
      }
      this.#schedule(30 * 1000);
      throw error;
    }
    if (!stillCurrent()) return; // a refresh that ends after a sign-out must not sign the user in again
    this.#set({ username, idToken: fresh.idToken, refreshToken: fresh.refreshToken ?? refreshToken, receivedAt: this.#now() }, false);
  }

  #accept(username, outcome) {
    if (outcome.challenge) {
      this.#pending = { username, session: outcome.session };
      this.#notify();
      return;
    }
    this.#pending = null;
    this.endedBecause = null;
    this.#set({ username, idToken: outcome.tokens.idToken, refreshToken: outcome.tokens.refreshToken, receivedAt: this.#now() }, true);
  }

  #set({ username, idToken, refreshToken, receivedAt }, newIdentity) {
    const claims = decodeClaims(idToken);
    const lifetimeMs = (claims.exp - claims.iat) * 1000;
    if (!(lifetimeMs > 0)) throw new Error('the token has no lifetime (exp must follow iat)');
    const expiresAt = receivedAt + lifetimeMs;
    const refreshAt = receivedAt + Math.max(lifetimeMs - REFRESH_MARGIN_MS, lifetimeMs * REFRESH_NOT_BEFORE_FRACTION);
    this.#state = { username, idToken, refreshToken, claims, expiresAt };
    this.#storage.setItem(STORAGE_KEY, JSON.stringify({ username, idToken, refreshToken, receivedAt }));
    if (newIdentity) this.identity += 1;
    this.#schedule(refreshAt - this.#now());
    this.#notify();
  }

  #end(reason) {
    this.#timers.clearTimeout(this.#timer);
    this.#state = null;
    this.#pending = null;
    this.#storage.removeItem(STORAGE_KEY);
    this.endedBecause = reason;
    this.identity += 1;
    this.#notify();
  }

  #schedule(delayMs) {
    this.#timers.clearTimeout(this.#timer);
    this.#timer = this.#timers.setTimeout(() => this.refresh().catch(() => {}), Math.max(0, delayMs));
  }

  #restore() {
    const saved = this.#storage.getItem(STORAGE_KEY);
    if (!saved) return;
    try {
      const { username, idToken, refreshToken, receivedAt } = JSON.parse(saved);
      if (typeof receivedAt !== 'number') throw new Error('no receivedAt');
      this.#set({ username, idToken, refreshToken, receivedAt }, true);
    } catch {
      this.#storage.removeItem(STORAGE_KEY);
    }
  }

  #notify() {
    this.#listeners.forEach((listener) => listener());
  }
}

/**
 * The session of a deployment without sign-in (no explorer app client configured): never signed in, so requests
 * carry only what the Headers tab holds.
 */
export const NO_SIGN_IN = Object.freeze({
  identity: 0,
  user: null,
  needsNewPassword: false,
  subscribe: () => () => {},
  authorization: async () => null,
});

/** The payload of a JWT, decoded without verification (display only). */
export function decodeClaims(jwt) {
  const parts = typeof jwt === 'string' ? jwt.split('.') : [];
  if (parts.length !== 3) throw new Error('not a JWT');
  const base64 = parts[1].replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64.padEnd(base64.length + ((4 - (base64.length % 4)) % 4), '='));
  const claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
  if (typeof claims.exp !== 'number' || typeof claims.iat !== 'number') throw new Error('the token has no exp or iat');
  return claims;
}
