// Imported first by the bundled main process: engine modules find their assets relative to
// their own source file, which a bundle moves, so the bundle names the folder instead.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENV_VARS } from '../engine/backend/env.js';

process.env[ENV_VARS.assets.name] ??= path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'assets');
