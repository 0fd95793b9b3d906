// Browser mode: serves the built renderer and the API over a WebSocket, on 127.0.0.1 only.
// A random token in the page URL guards the socket, and an Origin check keeps other web
// pages from talking to it. Every connection gets its own session (document, training job).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { wsClientMessage, type WsServerMessage } from './contract.js';
import { Session } from './handlers.js';
import { contentSecurityPolicy } from './security.js';
import { tsxWorker, type WorkerSpec } from './trainer.js';
import { workspaceDialogs } from './web-dialogs.js';

export interface WebHostOptions {
  /** 0 picks a free port. */
  port?: number;
  /** The vite build output (index.html and assets). */
  rendererDir: string;
  templatesDir: string;
  /** Where saves and exports land. */
  workspace: string;
  /** A fixed token, for tests only; a random one otherwise. */
  token?: string;
  worker?: WorkerSpec;
  log?: (line: string) => void;
}

export interface WebHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.map': 'application/json',
};

function sameToken(a: string | null, b: string): boolean {
  if (a === null) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const root = path.resolve(opts.rendererDir);
  const worker = opts.worker ?? tsxWorker();
  let origins: string[] = [];
  let csp = '';

  async function serveStatic(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let rel = decodeURIComponent(url.pathname);
    if (rel === '/' || rel === '') rel = '/index.html';
    const file = path.join(root, path.normalize(rel));
    if (!file.startsWith(root + path.sep)) {
      res.writeHead(403).end('forbidden');
      return;
    }
    try {
      if (!(await stat(file)).isFile()) throw new Error('not a file');
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        'content-security-policy': csp,
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-cache',
      });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end(`not found: ${rel}`);
    }
  }

  const server = createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    void serveStatic(req, res);
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: 80 * 1024 * 1024 });

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const origin = req.headers.origin;
    const why =
      url.pathname !== '/api'
        ? 'no such endpoint'
        : !sameToken(url.searchParams.get('token'), token)
          ? 'bad or missing token'
          : !origin || !origins.includes(origin)
            ? `origin ${origin ?? '(none)'} is not allowed`
            : null;
    if (why) {
      opts.log?.(`refused a WebSocket: ${why}`);
      socket.end(`HTTP/1.1 403 Forbidden\r\ncontent-type: text/plain\r\n\r\n${why}\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => connect(ws));
  });

  const sessions = new Set<Session>();
  function connect(ws: WebSocket): void {
    const send = (m: WsServerMessage) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(m));
    };
    const session = new Session({
      dialogs: workspaceDialogs(opts.workspace),
      templatesDir: opts.templatesDir,
      worker,
      emit: (event, payload) => send({ type: 'event', event, payload }),
    });
    sessions.add(session);
    ws.on('message', (data) => {
      let parsed;
      try {
        parsed = wsClientMessage.safeParse(JSON.parse(String(data)));
      } catch {
        parsed = null;
      }
      if (!parsed?.success) {
        send({ type: 'response', id: -1, envelope: { ok: false, error: { code: 'invalid', message: 'a message must be JSON {id, channel, request}' } } });
        return;
      }
      const { id, channel, request } = parsed.data;
      void session.handle(channel, request).then((envelope) => send({ type: 'response', id, envelope }));
    });
    ws.on('close', () => {
      sessions.delete(session);
      void session.dispose();
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origins = [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
  csp = contentSecurityPolicy([`ws://127.0.0.1:${port}`, `ws://localhost:${port}`]);
  const url = `http://127.0.0.1:${port}/?token=${token}`;

  return {
    url,
    port,
    token,
    async close() {
      for (const c of wss.clients) c.terminate();
      await Promise.all([...sessions].map((s) => s.dispose()));
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
