// Runs a TypeScript worker entry under tsx (browser mode and tests: no build step). Messages
// posted before the entry attaches its listener wait in the port, so nothing is lost.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
