// A worker for electron/worker-channel.test.ts: answers each message with the channel's kind
// and the message as it arrived.
import { hostChannel } from './worker-channel.js';

const channel = hostChannel();
channel.on('message', (m) => channel.postMessage({ kind: channel.kind, echo: m }));
