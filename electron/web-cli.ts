// `npm run web` lands here (through scripts/web.mjs, under tsx): starts the browser-mode host
// and prints its URL.
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { webToken } from '../engine/backend/env.js';
import { parseOptions, stringOption } from '../engine/cli/args.js';
import { sweepTempFiles } from '../engine/project/atomic.js';
import { TEMPLATES_DIR } from '../engine/project/templates.js';
import { startWebHost } from './web-host.js';

export interface WebArgs {
  port: number;
  workspace: string;
  rendererDir: string;
  token?: string;
}

const USAGE = 'usage: npm run web [-- --port N] [--workspace DIR] [--renderer DIR]';

/** Parses the command line (the CLI's parser, engine/cli/args.ts); throws with the usage line on anything it does not know. */
export function parseWebArgs(argv: string[], env: Record<string, string | undefined> = {}): WebArgs {
  const args: WebArgs = {
    port: 0,
    workspace: path.join(homedir(), 'LayerLab'),
    rendererDir: fileURLToPath(new URL('../dist/renderer/', import.meta.url)),
  };
  // A fixed token is for the end-to-end tests only, and only when asked for by name.
  if (webToken(env)) args.token = webToken(env);
  let values;
  try {
    ({ values } = parseOptions(argv, { port: { type: 'string' }, workspace: { type: 'string' }, renderer: { type: 'string' } }, 0, { help: false, refuseEmpty: true }));
  } catch (e) {
    throw new Error(`${(e as Error).message}\n${USAGE}`);
  }
  const port = stringOption(values, 'port');
  if (port !== undefined) {
    const n = Number(port);
    if (!/^\d+$/.test(port) || !Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`--port must be a whole number from 0 to 65535, got '${port}'\n${USAGE}`);
    args.port = n;
  }
  const workspace = stringOption(values, 'workspace');
  if (workspace !== undefined) args.workspace = path.resolve(workspace);
  const renderer = stringOption(values, 'renderer');
  if (renderer !== undefined) args.rendererDir = path.resolve(renderer);
  return args;
}

async function main(): Promise<void> {
  let args: WebArgs;
  try {
    args = parseWebArgs(process.argv.slice(2), process.env);
  } catch (e) {
    console.error((e as Error).message);
    process.exit(2);
  }
  await sweepTempFiles(args.workspace); // orphans of saves a crash cut short, older than a day
  const host = await startWebHost({ ...args, templatesDir: TEMPLATES_DIR, log: (l) => console.error(l) });
  console.log(`LayerLab is running at ${host.url}`);
  console.log(`Saves and exports go to ${args.workspace}. Press Ctrl+C to stop.`);
  const stop = () => void host.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e: NodeJS.ErrnoException) => {
    console.error(e.code === 'EADDRINUSE' ? `port already in use: ${e.message}; choose another with --port N` : e.message);
    process.exit(1);
  });
}
