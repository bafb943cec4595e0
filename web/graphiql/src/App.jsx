import { useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { GraphiQL } from 'graphiql';
import { useGraphiQL } from '@graphiql/react';
import { createExplorerFetcher, createSubscriptions } from './fetcher.js';

const STARTER = `# TenantGraph. Sign in above: the docs (book icon)
# and autocompletion load as soon as you are.
# Run with the play button or Ctrl-Enter.
query Me {
  me { email name role status }
  tenant { name plan }
}
`;

/** Who the API says the caller is: the role that counts is the membership record's, not the token's groups. */
const WHO_AM_I = 'query TenantGraphExplorerWhoAmI { me { email role status } tenant { id name } }';

/** Re-renders on every change of the session (sign-in, refresh, sign-out). */
function useSession(session) {
  const [, changed] = useReducer((n) => n + 1, 0);
  useEffect(() => session.subscribe(changed), [session]);
  return session;
}

export function App({ config, session }) {
  useSession(session);
  const [outcome, setOutcome] = useState(null);
  const identity = session.identity;
  const subscriptions = useMemo(() => createSubscriptions({ graphqlWsUrl: config.graphqlWsUrl, session }), [config, session]);
  // A new fetcher per sign-in or sign-out makes GraphiQL introspect again: docs and autocompletion follow the user.
  const fetcher = useMemo(
    () => createExplorerFetcher({ graphqlUrl: config.graphqlUrl, session, subscriptions, onOutcome: setOutcome }),
    [config, session, subscriptions, identity],
  );
  return (
    <div className="tg-page">
      <header className="tg-bar">
        <span className="tg-title">TenantGraph</span>
        <SessionPanel config={config} session={session} />
        <Outcome outcome={outcome} />
      </header>
      <main className="tg-explorer">
        <GraphiQL
          fetcher={fetcher}
          defaultQuery={STARTER}
          storage={window.sessionStorage}
          shouldPersistHeaders={false}
          showPersistHeadersSettings={false}
        >
          <GraphiQL.Logo>TenantGraph</GraphiQL.Logo>
          <ClearStaleSchemaError />
        </GraphiQL>
      </main>
    </div>
  );
}

function SessionPanel({ config, session }) {
  if (!config.cognito) {
    return (
      <span className="tg-session tg-note" role="status">
        Sign-in is off on this deployment: paste "Authorization": "Bearer &lt;ID token&gt;" into the Headers tab.
      </span>
    );
  }
  const user = session.user;
  if (user) return <SignedIn config={config} session={session} user={user} />;
  if (session.needsNewPassword) return <NewPasswordForm session={session} />;
  return <SignInForm session={session} />;
}

function SignInForm({ session }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  async function submit(event) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      await session.signIn(String(form.get('username')).trim(), String(form.get('password')));
    } catch (failure) {
      setError(failure.message);
      setBusy(false);
    }
  }
  return (
    <form className="tg-session" onSubmit={submit} aria-label="Sign in">
      <label>Email <input id="tg-username" name="username" type="text" autoComplete="username" required /></label>
      <label>Password <input id="tg-password" name="password" type="password" autoComplete="current-password" required /></label>
      <button id="tg-sign-in" type="submit" disabled={busy}>{busy ? 'Signing in…' : 'Sign in'}</button>
      <span className="tg-note" role="status">
        {error ?? session.endedBecause ?? 'or paste "Authorization": "Bearer <ID token>" into the Headers tab'}
      </span>
    </form>
  );
}

function NewPasswordForm({ session }) {
  const [error, setError] = useState(null);
  async function submit(event) {
    event.preventDefault();
    setError(null);
    try {
      await session.setNewPassword(String(new FormData(event.currentTarget).get('newPassword')));
    } catch (failure) {
      setError(failure.message);
    }
  }
  return (
    <form className="tg-session" onSubmit={submit} aria-label="Choose a new password">
      <label>New password <input id="tg-new-password" name="newPassword" type="password" autoComplete="new-password" required /></label>
      <button type="submit">Set password and sign in</button>
      <span className="tg-note" role="status">{error ?? 'First sign-in with a temporary password: choose your own password.'}</span>
    </form>
  );
}

function SignedIn({ config, session, user }) {
  const whoAmI = useWhoAmI(config, session);
  return (
    <div className="tg-session" id="tg-signed-in" aria-label="Signed in">
      <span>Signed in as <strong id="tg-email">{user.email ?? user.username}</strong></span>
      <span>tenant <strong id="tg-tenant">{whoAmI.tenant ? `${whoAmI.tenant.name} (${user.tenantId})` : user.tenantId ?? '—'}</strong></span>
      <span title={`token groups (a hint only): ${user.groups.join(', ') || 'none'}`}>
        role <strong id="tg-role">{whoAmI.role ?? (whoAmI.error ? whoAmI.error : '…')}</strong>
      </span>
      <span className="tg-note">token valid until {until(user.expiresAt)}, refreshed before then</span>
      <button id="tg-sign-out" type="button" onClick={() => session.signOut()}>Sign out</button>
    </div>
  );
}

/** { me { role } tenant { name } } of the signed-in user, asked again at each sign-in. */
function useWhoAmI(config, session) {
  const [state, setState] = useState({});
  const identity = session.identity;
  useEffect(() => {
    let current = true;
    setState({});
    const fetcher = createExplorerFetcher({ graphqlUrl: config.graphqlUrl, session });
    fetcher({ query: WHO_AM_I, operationName: 'TenantGraphExplorerWhoAmI' }).then((result) => {
      if (!current) return;
      const code = result.errors?.[0]?.extensions?.code;
      setState(result.data?.me ? { role: result.data.me.role, tenant: result.data.tenant } : { error: code ?? 'unknown' });
    });
    return () => { current = false; };
  }, [config, session, identity]);
  return state;
}

function until(epochMs) {
  const at = new Date(epochMs);
  const sameDay = at.toDateString() === new Date().toDateString();
  return sameDay ? at.toLocaleTimeString() : at.toLocaleString();
}

/**
 * GraphiQL writes a failed introspection (the 401 before anyone signed in) into the response pane and leaves it there
 * once the schema loads. When the schema arrives and the pane still shows that very error, this clears it.
 */
function ClearStaleSchemaError() {
  const schema = useGraphiQL((state) => state.schema);
  const fetchError = useGraphiQL((state) => state.fetchError);
  const responseEditor = useGraphiQL((state) => state.responseEditor);
  const shown = useRef(null);
  useEffect(() => {
    if (fetchError) shown.current = fetchError;
  }, [fetchError]);
  useEffect(() => {
    if (schema && shown.current && responseEditor?.getValue() === shown.current) {
      responseEditor.setValue('');
      shown.current = null;
    }
  }, [schema, responseEditor]);
  return null;
}

/** The last operation's outcome, with every error code spelled out. */
function Outcome({ outcome }) {
  if (!outcome) return <output className="tg-outcome" id="tg-outcome" />;
  const failed = outcome.codes.length > 0;
  const via = { headers: 'the Headers tab\u2019s Authorization', session: 'your session', none: 'no token' }[outcome.source];
  return (
    <output className={`tg-outcome ${failed ? 'tg-failed' : 'tg-ok'}`} id="tg-outcome" data-codes={outcome.codes.join(' ')}>
      {failed ? (
        <>
          <strong>{outcome.codes.join(', ')}</strong> {outcome.messages[0]}
        </>
      ) : (
        'OK'
      )}
      <span className="tg-note"> · HTTP {outcome.status || '—'} · sent with {via}</span>
    </output>
  );
}
