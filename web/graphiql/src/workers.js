import sources from 'tenantgraph:worker-sources';

/**
 * Monaco's web workers (the editor's own, JSON for the variables and headers editors, GraphQL for the query editor),
 * built by build.mjs into strings inside this page and started from blob: URLs. The page thus stays one file that the
 * API serves from one route, with no worker file to fetch; the Content-Security-Policy allows worker-src blob: only.
 */
const urls = new Map();

function workerUrl(kind) {
  if (!urls.has(kind)) {
    urls.set(kind, URL.createObjectURL(new Blob([sources[kind]], { type: 'text/javascript' })));
  }
  return urls.get(kind);
}

globalThis.MonacoEnvironment = {
  getWorker(_workerId, label) {
    const kind = label === 'json' || label === 'graphql' ? label : 'editor';
    return new Worker(workerUrl(kind), { name: `monaco-${kind}` });
  },
};
