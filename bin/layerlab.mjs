#!/usr/bin/env node
// `npx layerlab …`: runs the TypeScript CLI through tsx, so no build step is needed.
import { register } from 'tsx/esm/api';

register();
const { run, processIO } = await import('../engine/cli/main.ts');
const code = await run(process.argv.slice(2), processIO());
// TensorFlow.js backends can leave handles open; exit once stdout has drained.
process.stdout.write('', () => process.exit(code));
