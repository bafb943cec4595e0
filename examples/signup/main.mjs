#!/usr/bin/env node
// The sign-up of a new workspace's first ADMIN, exactly as a front end makes it:
//   1. SignUp: email as the username, a password, the person's name and the workspace's name (custom:workspaceName);
//   2. the confirmation: deployed, ConfirmSignUp with the code Cognito emails; locally cognito-local sends no email,
//      so AdminConfirmSignUp stands in for the person typing the code (an admin call, never a front end's);
//   3. sign in: the ID token now carries custom:tenantId, set by the PostConfirmation trigger that made the tenant;
//   4. the first GraphQL request: `me` is the ADMIN of a tenant named after the workspace.
// And what a front end cannot do: a sign-up that sets custom:tenantId itself is refused, by the app client's
// WriteAttributes (NotAuthorizedException, deployed and through the local Cognito endpoint alike).
// Every unexpected answer throws: the process exits 1 (2 for a missing or unreadable outputs file).
import { randomUUID } from 'node:crypto';
import {
  AdminConfirmSignUpCommand, CognitoIdentityProviderClient, InitiateAuthCommand, SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { Unexpected, expect, readOutputs, runExample } from '../local-stack.mjs';

async function main() {
  const outputs = readOutputs();
  // What the front end's own client uses: no credentials, the user pool's public operations need none.
  const cognito = new CognitoIdentityProviderClient({ region: outputs.region, endpoint: outputs.cognitoEndpoint });
  const run = randomUUID().slice(0, 8);
  const email = `founder-${run}@example.test`;
  const password = `Signup-${run}-Passw0rd!`;
  const workspaceName = `Example Workspace ${run}`;

  // 1. Sign up. The username is the email; name and workspace name are attributes the web client may write.
  const signUp = await cognito.send(new SignUpCommand({
    ClientId: outputs.userPoolClientId,
    Username: email,
    Password: password,
    UserAttributes: [
      { Name: 'email', Value: email },
      { Name: 'name', Value: 'Example Founder' },
      { Name: 'custom:workspaceName', Value: workspaceName },
    ],
  }));
  expect(signUp.UserConfirmed === false, `a new sign-up should wait for its confirmation, got UserConfirmed=${signUp.UserConfirmed}`);
  console.log(`signed up ${email} (sub ${signUp.UserSub}), waiting for confirmation`);

  // 2. Confirm. Deployed: ConfirmSignUp { ClientId, Username, ConfirmationCode } with the emailed code. Locally the
  // admin call does it; cognito-local accepts any credentials, so these are dummies that sign nothing real.
  const admin = new CognitoIdentityProviderClient({
    region: outputs.region,
    endpoint: outputs.cognitoEndpoint,
    credentials: { accessKeyId: 'local-only', secretAccessKey: 'local-only' },
  });
  await admin.send(new AdminConfirmSignUpCommand({ UserPoolId: outputs.userPoolId, Username: email }));
  console.log('confirmed (locally through AdminConfirmSignUp: cognito-local sends no email)');

  // 3. Sign in (USER_PASSWORD_AUTH through the explorer client, the same locally and deployed). The PostConfirmation
  // trigger has created the tenant and set custom:tenantId.
  const auth = await cognito.send(new InitiateAuthCommand({
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: outputs.explorerClientId,
    AuthParameters: { USERNAME: email, PASSWORD: password },
  }));
  const idToken = auth.AuthenticationResult?.IdToken;
  expect(idToken, `no ID token after confirmation: ${JSON.stringify(auth)}`);
  const claims = JSON.parse(Buffer.from(idToken.split('.')[1], 'base64url').toString('utf8'));
  expect(typeof claims['custom:tenantId'] === 'string' && claims['custom:tenantId'].length > 0, 'the ID token carries no custom:tenantId');

  // 4. The first request: the new user is the ADMIN of the new workspace.
  const response = await fetch(outputs.graphqlUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${idToken}` },
    body: JSON.stringify({ query: 'query FirstLook { me { email role status } tenant { id name plan } }' }),
  });
  const body = await response.json();
  expect(!body.errors, `FirstLook failed: ${JSON.stringify(body.errors)}`);
  const { me, tenant } = body.data;
  expect(me.email === email && me.role === 'ADMIN' && me.status === 'ACTIVE', `me is ${JSON.stringify(me)}`);
  expect(tenant.name === workspaceName, `the tenant is named ${tenant.name}`);
  console.log(`me: ${me.email}, ${me.role} of "${tenant.name}" (plan ${tenant.plan}, tenant ${claims['custom:tenantId']})`);

  // What a front end cannot do: choose its tenant. The app client may not write the attribute (template.yaml's
  // WriteAttributes); the PreSignUp trigger would refuse it next.
  try {
    await cognito.send(new SignUpCommand({
      ClientId: outputs.userPoolClientId,
      Username: `intruder-${run}@example.test`,
      Password: password,
      UserAttributes: [
        { Name: 'email', Value: `intruder-${run}@example.test` },
        { Name: 'custom:workspaceName', Value: 'Intruder' },
        { Name: 'custom:tenantId', Value: claims['custom:tenantId'] },
      ],
    }));
    throw new Unexpected('a sign-up that sets custom:tenantId was accepted');
  } catch (error) {
    if (error instanceof Unexpected) throw error;
    expect(error.name === 'NotAuthorizedException', `a sign-up with custom:tenantId failed with ${error.name}, not NotAuthorizedException`);
    console.log(`a sign-up that sets custom:tenantId is refused (NotAuthorizedException: ${error.message})`);
  }
  console.log('signup example: OK');
}

runExample(main);
