// A typed front end: urql (@urql/core, the framework-free core of urql) with the TypeScript types that GraphQL Code
// Generator writes from schema.graphqls. Signs in as a MEMBER, reads who it is, pages through a project's open tasks,
// then adds, edits (with its version; a stale version is CONFLICT) and deletes its own comment.
// Every unexpected answer throws: exit 1 (2 for a missing or unreadable outputs file).
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CognitoIdentityProviderClient, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { Client, CombinedError, fetchExchange, type AnyVariables, type OperationResult } from '@urql/core';
import type { OpenTasksQuery, Role, TaskStatus } from './gql/graphql.js';
import { AddComment, DeleteComment, EditComment, OpenTasks, WhoAmI } from './operations.js';

class Unexpected extends Error {}

function expect(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Unexpected(message);
}

/** What ./dev up writes to .local/outputs.json (the fields this example reads). */
interface Outputs {
  graphqlUrl: string;
  region: string;
  cognitoEndpoint?: string;
  /** The explorer app client: USER_PASSWORD_AUTH, locally and deployed (template parameter GraphiQlSignIn). */
  explorerClientId: string;
  demoUsers?: { username: string; password: string; role: Role }[];
}

function readOutputs(): Outputs {
  const here = dirname(fileURLToPath(import.meta.url));
  const path = resolve(process.env['TG_OUTPUTS'] ?? join(here, '..', '..', '..', '.local', 'outputs.json'));
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Outputs;
  } catch (error) {
    console.error(`cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)}): start the stack with ./dev up, or set TG_OUTPUTS`);
    process.exit(2);
  }
}

async function signIn(outputs: Outputs, username: string, password: string): Promise<string> {
  const cognito = new CognitoIdentityProviderClient({
    region: outputs.region,
    ...(outputs.cognitoEndpoint ? { endpoint: outputs.cognitoEndpoint } : {}),
  });
  const answer = await cognito.send(new InitiateAuthCommand({
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: outputs.explorerClientId,
    AuthParameters: { USERNAME: username, PASSWORD: password },
  }));
  const idToken = answer.AuthenticationResult?.IdToken;
  expect(idToken, `no tokens for ${username}: challenge ${answer.ChallengeName}`);
  return idToken;
}

/** urql over fetch, with the ID token on every request. */
function createApiClient(graphqlUrl: string, idToken: string): Client {
  return new Client({
    url: graphqlUrl,
    exchanges: [fetchExchange],
    preferGetMethod: false,
    requestPolicy: 'network-only',
    fetchOptions: () => ({ headers: { Authorization: `Bearer ${idToken}` } }),
  });
}

/** The data of a result that must have succeeded (typed by the operation). */
function dataOf<Data, Variables extends AnyVariables>(result: OperationResult<Data, Variables>, what: string): Data {
  expect(!result.error, `${what} failed: ${result.error?.message}`);
  expect(result.data, `${what} returned no data`);
  return result.data;
}

/** The extensions.code of the first GraphQL error: urql's CombinedError keeps the API's errors as they are. */
function codeOf(error: CombinedError | undefined): unknown {
  return error?.graphQLErrors[0]?.extensions['code'];
}

async function main(): Promise<void> {
  const outputs = readOutputs();
  const username = process.env['TG_USER'] ?? 'max@acme.test';
  const demo = outputs.demoUsers?.find((user) => user.username === username);
  const password = process.env['TG_PASSWORD'] ?? demo?.password;
  expect(password, `no password for ${username}: set TG_PASSWORD`);
  const api = createApiClient(outputs.graphqlUrl, await signIn(outputs, username, password));

  // Typed: `me.role` is the Role union ('ADMIN' | 'MEMBER' | 'VIEWER'), not a string.
  const { me, tenant } = dataOf(await api.query(WhoAmI, {}).toPromise(), 'WhoAmI');
  expect(me.email === username, `me.email is ${me.email}`);
  if (demo) expect(me.role === demo.role, `me.role is ${me.role}, the demo data says ${demo.role}`);
  console.log(`signed in as ${me.email} (${me.role}) in ${tenant.name}`);

  // Page through WEB's open tasks; the variables are typed too (status must be a TaskStatus).
  const status: TaskStatus = 'TODO';
  const titles: string[] = [];
  let after: string | null = null;
  let todo = 0;
  let firstTaskId: string | undefined;
  do {
    const project: OpenTasksQuery['project'] = dataOf(await api.query(OpenTasks, { key: 'WEB', status, after }).toPromise(), 'OpenTasks').project;
    expect(project, 'project WEB not found');
    todo = project.taskCounts.todo;
    for (const { node } of project.tasks.edges) {
      expect(node.status === status, `${node.identifier} is ${node.status}, not ${status}`);
      titles.push(`${node.identifier} ${node.title}`);
      firstTaskId ??= node.id;
    }
    after = project.tasks.pageInfo.hasNextPage ? project.tasks.pageInfo.endCursor ?? null : null;
  } while (after);
  expect(titles.length === todo, `paged ${titles.length} TODO tasks, taskCounts.todo says ${todo}`);
  expect(firstTaskId, 'WEB has no TODO task to comment on');
  console.log(`paged ${titles.length} TODO tasks of WEB, 5 at a time`);

  // A typed mutation with an idempotency key, then an edit with the version it returned.
  const clientMutationId = `urql-example-${randomUUID()}`;
  const added = dataOf(await api.mutation(AddComment, { input: { clientMutationId, taskId: firstTaskId, body: 'From the urql example' } }).toPromise(), 'addComment').addComment;
  expect(added.clientMutationId === clientMutationId && added.comment.author.email === username, `addComment returned ${JSON.stringify(added)}`);
  const { comment } = added;
  try {
    const edited = dataOf(await api.mutation(EditComment, { input: { id: comment.id, expectedVersion: comment.version, body: 'Edited' } }).toPromise(), 'editComment').editComment.comment;
    expect(edited.version === comment.version + 1 && edited.editedAt, `editComment returned ${JSON.stringify(edited)}`);

    // The old version again is CONFLICT, with the current version in the error's extensions.
    const stale = await api.mutation(EditComment, { input: { id: comment.id, expectedVersion: comment.version, body: 'Stale' } }).toPromise();
    expect(codeOf(stale.error) === 'CONFLICT', `a stale editComment gave ${stale.error?.message ?? 'no error'}`);
    expect(stale.error?.graphQLErrors[0]?.extensions['currentVersion'] === edited.version, 'CONFLICT does not carry the current version');
    console.log(`comment added, edited to version ${edited.version}; the stale edit was CONFLICT`);
    comment.version = edited.version;
  } finally {
    dataOf(await api.mutation(DeleteComment, { input: { id: comment.id, expectedVersion: comment.version } }).toPromise(), 'deleteComment (own comment)');
  }
  console.log('urql-client example: OK');
}

main().catch((error: unknown) => {
  console.error(error instanceof Unexpected ? `UNEXPECTED: ${error.message}` : error);
  process.exit(1);
});
