#!/usr/bin/env node
// A front end's conversation with TenantGraph, with nothing but fetch and the Cognito SDK:
//   1. sign in (Cognito InitiateAuth) and send the ID token as "Authorization: Bearer …";
//   2. ask who we are;
//   3. page through a connection with its cursors;
//   4. create with an idempotency key, and retry the very same request as a client does after a lost response;
//   5. update with the version we read, run into CONFLICT as a stale second tab would, re-read and retry;
//   6. clean up (deleteProject: an ADMIN's right, hence the default user).
// Every unexpected answer throws: the process exits 1 (2 for a missing or unreadable outputs file).
import { randomUUID } from 'node:crypto';
import { CognitoIdentityProviderClient, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { expect, readOutputs, runExample } from '../local-stack.mjs';

/**
 * Signs in with USER_PASSWORD_AUTH through the explorer app client (locally and deployed alike: the template's
 * GraphiQlSignIn parameter creates it; the web client allows SRP only, which cognito-local lacks) and returns the ID
 * token: the API's authorizer accepts ID tokens, which carry the tenant.
 */
async function signIn(outputs, username, password) {
  // Locally the endpoint is cognito-local; deployed, leave `endpoint` out and the SDK uses Cognito's own.
  const cognito = new CognitoIdentityProviderClient({ region: outputs.region, endpoint: outputs.cognitoEndpoint });
  const answer = await cognito.send(new InitiateAuthCommand({
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: outputs.explorerClientId,
    AuthParameters: { USERNAME: username, PASSWORD: password },
  }));
  expect(answer.AuthenticationResult?.IdToken, `no tokens for ${username}: challenge ${answer.ChallengeName}`);
  return answer.AuthenticationResult.IdToken;
}

/** One GraphQL request. With application/graphql-response+json the HTTP status follows the outcome. */
function client(graphqlUrl, idToken) {
  return async function graphql(query, variables = {}) {
    const response = await fetch(graphqlUrl, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/graphql-response+json, application/json;q=0.9',
        Authorization: `Bearer ${idToken}`,
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = await response.json();
    return { status: response.status, data: body.data ?? null, errors: body.errors ?? [] };
  };
}

/** The data of a result that must have succeeded. */
function ok(result, what) {
  expect(result.errors.length === 0, `${what} failed: ${JSON.stringify(result.errors)}`);
  return result.data;
}

/** The one error code of a result that must have failed. */
function failure(result, what) {
  expect(result.errors.length > 0, `${what} should have failed, got ${JSON.stringify(result.data)}`);
  return result.errors[0];
}

const PROJECT_FIELDS = 'id key name version';

async function main() {
  const outputs = readOutputs();
  const username = process.env.TG_USER ?? 'ada@acme.test';
  const demo = outputs.demoUsers?.find((user) => user.username === username);
  const password = process.env.TG_PASSWORD ?? demo?.password;
  expect(password, `no password for ${username}: set TG_PASSWORD`);

  // 1 + 2. Sign in, then ask the API who we are: the role that counts is the membership record's.
  const graphql = client(outputs.graphqlUrl, await signIn(outputs, username, password));
  const me = ok(await graphql('query Me { me { email role } tenant { id name } }'), 'me').me;
  expect(me.email === username, `me.email is ${me.email}`);
  if (demo) expect(me.role === demo.role, `me.role is ${me.role}, the demo data says ${demo.role}`);
  console.log(`signed in as ${me.email} (${me.role})`);

  // 3. Page through a project's tasks, 7 at a time: `after` is the previous page's endCursor, nothing else.
  const pageQuery = `query Tasks($after: String) {
    project(key: "WEB") {
      taskCounts { total }
      tasks(first: 7, after: $after) { edges { cursor node { identifier } } pageInfo { hasNextPage endCursor } }
    }
  }`;
  const seen = [];
  let after = null;
  let total;
  for (let page = 1; ; page += 1) {
    const project = ok(await graphql(pageQuery, { after }), `page ${page}`).project;
    total = project.taskCounts.total;
    const { edges, pageInfo } = project.tasks;
    seen.push(...edges.map((edge) => edge.node.identifier));
    expect(edges.length === 7 || !pageInfo.hasNextPage, `page ${page} is short (${edges.length}) but not the last`);
    if (!pageInfo.hasNextPage) break;
    after = pageInfo.endCursor;
  }
  expect(new Set(seen).size === seen.length, 'a task came twice while paging');
  expect(seen.length === total, `paged ${seen.length} tasks, taskCounts.total says ${total}`);
  console.log(`paged ${seen.length} tasks of WEB with cursors`);

  // A cursor is opaque and signed: an edited one is refused, never served as another position.
  const edited = await graphql(pageQuery, { after: `${after ?? 'x'}x` });
  expect(failure(edited, 'an edited cursor').extensions?.code === 'BAD_USER_INPUT', 'an edited cursor was not BAD_USER_INPUT');

  // 4. Create with an idempotency key; a retry of the same request returns the same project, not a second one.
  const key = `EX${randomUUID().replace(/-/g, '').slice(0, 6).toUpperCase()}`;
  const create = `mutation Create($input: CreateProjectInput!) { createProject(input: $input) { clientMutationId project { ${PROJECT_FIELDS} } } }`;
  const input = { clientMutationId: `fetch-example-${randomUUID()}`, key, name: 'Fetch example' };
  const created = ok(await graphql(create, { input }), 'createProject').createProject.project;
  const retried = ok(await graphql(create, { input }), 'the retried createProject').createProject.project;
  expect(retried.id === created.id && retried.version === created.version, `the retry made ${JSON.stringify(retried)}, not ${JSON.stringify(created)}`);
  console.log(`created ${created.key} once, retried with the same clientMutationId: same id ${created.id}`);

  try {
    // 5. Update with the version we read.
    const update = `mutation Update($input: UpdateProjectInput!) { updateProject(input: $input) { project { ${PROJECT_FIELDS} } } }`;
    const renamed = ok(await graphql(update, { input: { id: created.id, expectedVersion: created.version, name: 'Renamed once' } }), 'updateProject').updateProject.project;
    expect(renamed.version === created.version + 1, `version went from ${created.version} to ${renamed.version}`);

    // A second tab still holds the old version: CONFLICT, carrying the current one. Nothing changed.
    const stale = failure(await graphql(update, { input: { id: created.id, expectedVersion: created.version, name: 'Stale tab' } }), 'a stale update');
    expect(stale.extensions?.code === 'CONFLICT', `a stale update gave ${JSON.stringify(stale)}`);
    expect(stale.extensions.currentVersion === renamed.version, `CONFLICT carries version ${stale.extensions.currentVersion}`);

    // Handle it as a front end should: re-read, show the user what is there now, retry with the fresh version.
    const reread = ok(await graphql(`query Reread($id: ID!) { node(id: $id) { ... on Project { ${PROJECT_FIELDS} } } }`, { id: created.id }), 're-read').node;
    expect(reread.name === 'Renamed once', `the stale update changed the name to ${reread.name}`);
    const retriedUpdate = ok(await graphql(update, { input: { id: created.id, expectedVersion: reread.version, name: 'Stale tab, merged' } }), 'the retried update').updateProject.project;
    expect(retriedUpdate.version === reread.version + 1 && retriedUpdate.name === 'Stale tab, merged', 'the retried update did not apply');
    console.log(`update with expectedVersion: CONFLICT (current ${stale.extensions.currentVersion}) handled by re-reading, now version ${retriedUpdate.version}`);
    created.version = retriedUpdate.version;
  } finally {
    // 6. Leave the tenant as we found it.
    const deleted = await graphql('mutation Delete($input: DeleteProjectInput!) { deleteProject(input: $input) { deletedProjectId } }',
      { input: { id: created.id, expectedVersion: created.version } });
    ok(deleted, `deleteProject of ${key} (an ADMIN's right)`);
  }
  console.log('fetch-client example: OK');
}

runExample(main);
