// Subscribes with the graphql-ws client (graphql-transport-ws), as a front end does, and reports what arrives.
//
//   WS_URL=ws://127.0.0.1:3002/local SUBSCRIBERS='[{"name":"viewerA","token":"…","query":"subscription…",
//     "variables":{…}}]' node watch.mjs
//
// Prints one JSON line per happening: {"name","next":payload}, {"name","error":errors}, {"name","closed":code,
// "reason"}, and {"ready":true} once every subscriber's subscribe has been handled by the server (a ping sent after
// it has been answered: the local gateway handles one connection's messages in order). Exits on "exit" on stdin.
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { createInterface } from 'node:readline';

const url = process.env.WS_URL;
const subscribers = JSON.parse(process.env.SUBSCRIBERS);
const print = (line) => process.stdout.write(JSON.stringify(line) + '\n');

const clients = [];
await Promise.all(subscribers.map((subscriber) => new Promise((resolve) => {
  let subscribed = false;
  let pinger;
  const client = createClient({
    url,
    webSocketImpl: WebSocket,
    lazy: false,
    retryAttempts: 0,
    connectionParams: { authorization: subscriber.token },
    on: {
      connected: (socket) => {
        pinger = socket;
      },
      pong: () => {
        if (subscribed) {
          resolve();
        }
      },
      closed: (event) => {
        print({ name: subscriber.name, closed: event.code, reason: event.reason });
        resolve();
      },
    },
  });
  clients.push(client);
  client.subscribe({ query: subscriber.query, variables: subscriber.variables }, {
    next: (payload) => print({ name: subscriber.name, next: payload }),
    error: (error) => print({ name: subscriber.name, error: Array.isArray(error) ? error : String(error?.code ?? error) }),
    complete: () => print({ name: subscriber.name, complete: true }),
  });
  // graphql-ws sends the subscribe right after connection_ack; a ping after it is answered after it was handled
  const waitForAck = setInterval(() => {
    if (pinger && pinger.readyState === WebSocket.OPEN) {
      clearInterval(waitForAck);
      setTimeout(() => {
        subscribed = true;
        pinger.send(JSON.stringify({ type: 'ping' }));
      }, 50);
    }
  }, 10);
})));
print({ ready: true });

createInterface({ input: process.stdin }).on('line', async (line) => {
  if (line.trim() === 'exit') {
    await Promise.all(clients.map((client) => client.dispose()));
    process.exit(0);
  }
});
