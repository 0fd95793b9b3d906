// Prints the backend ladder as JSON (one line): npx tsx engine/bench/list.ts
import { listBackends } from '../backend/index.js';

process.stdout.write(`${JSON.stringify(await listBackends())}\n`);
