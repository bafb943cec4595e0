import './workers.js';
import '@graphiql/react/style.css';
import '@graphiql/plugin-doc-explorer/style.css';
import '@graphiql/plugin-history/style.css';
import 'graphiql/graphiql.css';
import './page.css';
import { createRoot } from 'react-dom/client';
import { App } from './App.jsx';
import { createCognito } from './cognito.js';
import { ConfigError, readConfig } from './config.js';
import { NO_SIGN_IN, Session } from './session.js';

const root = document.getElementById('root');
try {
  const config = readConfig(document, window.location.href);
  const session = config.cognito ? new Session(createCognito(config.cognito)) : NO_SIGN_IN;
  createRoot(root).render(<App config={config} session={session} />);
} catch (error) {
  root.textContent = error instanceof ConfigError
    ? `This GraphiQL page cannot start: ${error.message}.`
    : `This GraphiQL page cannot start: ${error}`;
  throw error;
}
