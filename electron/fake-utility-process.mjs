// A stand-in for an Electron utility process, for tests (no Electron runtime runs on these
// machines): a forked Node child that gets what Electron gives a utility process and nothing
// Node's fork adds — process.parentPort, whose messages arrive as { data } and wait until a
// listener comes, and no process.send — then runs the module named first in its arguments.
import { EventEmitter } from 'node:events';
import { pathToFileURL } from 'node:url';

const send = process.send?.bind(process);
if (!send) throw new Error('fake-utility-process.mjs must be forked with an IPC channel');
const port = new EventEmitter();
const waiting = [];
const flush = () => {
  while (waiting.length && port.listenerCount('message')) port.emit('message', { data: waiting.shift() });
};
process.on('message', (m) => {
  waiting.push(m);
  flush();
});
port.on('newListener', (event) => event === 'message' && setImmediate(flush));
port.postMessage = (m) => send(m);
process.parentPort = port;
delete process.send;
// Chromium ends a utility process whose parent has gone.
process.on('disconnect', () => process.exit(0));

const [file, ...args] = process.argv.slice(2);
if (!file) throw new Error('fake-utility-process.mjs: which module to run?');
process.argv.splice(1, Infinity, file, ...args);
await import(pathToFileURL(file).href);
