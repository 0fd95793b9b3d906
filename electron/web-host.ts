// Browser mode: serves the built renderer and the API over a WebSocket, on 127.0.0.1 only.
// A random token in the page URL guards the socket, and an Origin check keeps other web
// pages from talking to it. Every browser tab gets its own session (document, training job):
// the tab names it by a random id, so a reload takes the same session back, running job
// included; a session whose socket closed waits a grace period for that (longer while its
// job runs), then goes. Without an id, a connection's session ends with it.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { isSessionId, wsClientMessage, type WsServerMessage } from './contract.js';
import { Session } from './handlers.js';
import { contentSecurityPolicy } from './security.js';
import { tsxWorker, type WorkerSpec } from './trainer.js';
import { WorkerPool, type PoolLimits } from './worker-pool.js';
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
  /** The shared workers' limits (request time, heap, jobs at once); tests shorten them. */
  limits?: Partial<PoolLimits>;
  log?: (line: string) => void;
  /** How long a session outlives its socket, waiting for its tab to come back; its running job's end restarts the wait. Tests shorten it. */
  graceMs?: number;
  /** At most this many sessions wait without a socket; beyond, the longest-waiting goes (idle ones first). */
  maxDetached?: number;
}

export interface WebHost {
  url: string;
  port: number;
  token: string;
  /** Sessions alive, and those of them waiting without a socket. */
  stats(): { sessions: number; detached: number };
  close(): Promise<void>;
}

export const SESSION_GRACE_MS = 60_000;
export const MAX_DETACHED_SESSIONS = 16;

/** A session and the socket it talks through now; `ws` is null while it waits for its tab. */
interface Attachment {
  readonly id: string | null;
  session: Session;
  ws: WebSocket | null;
  /** When its socket closed (for the bound: the longest-waiting goes first). */
  detachedAt: number;
  expiry: NodeJS.Timeout | null;
}

/** Close code for a socket whose session another connection (the same tab, reloaded) took. */
export const TAKEN_OVER = 4001;

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
  const graceMs = opts.graceMs ?? SESSION_GRACE_MS;
  const maxDetached = opts.maxDetached ?? MAX_DETACHED_SESSIONS;
  const root = path.resolve(opts.rendererDir);
  const worker = opts.worker ?? tsxWorker();
  // One utility worker and one cap on training jobs for every session of this host.
  const pool = new WorkerPool(worker, opts.limits);
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
  let closing = false;

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const origin = req.headers.origin;
    const sessionId = url.searchParams.get('session');
    // The session id only picks which of this host's sessions to join; the token and the
    // origin are checked first, exactly as without it.
    const why =
      url.pathname !== '/api'
        ? 'no such endpoint'
        : !sameToken(url.searchParams.get('token'), token)
          ? 'bad or missing token'
          : !origin || !origins.includes(origin)
            ? `origin ${origin ?? '(none)'} is not allowed`
            : sessionId !== null && !isSessionId(sessionId)
              ? 'bad session id (a lowercase UUID is expected)'
              : null;
    if (why) {
      opts.log?.(`refused a WebSocket: ${why}`);
      socket.end(`HTTP/1.1 403 Forbidden\r\ncontent-type: text/plain\r\n\r\n${why}\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => connect(ws, sessionId));
  });

  const attachments = new Set<Attachment>();
  const byId = new Map<string, Attachment>();

  function send(ws: WebSocket | null, m: WsServerMessage): void {
    if (ws && ws.readyState === ws.OPEN) ws.send(JSON.stringify(m));
  }

  function newAttachment(id: string | null, ws: WebSocket): Attachment {
    const a: Attachment = { id, session: null as unknown as Session, ws, detachedAt: 0, expiry: null };
    a.session = new Session({
      dialogs: workspaceDialogs(opts.workspace),
      templatesDir: opts.templatesDir,
      pool,
      workspace: opts.workspace,
      emit: (event, payload) => {
        // Events go to whichever socket holds the session now; none while it waits.
        send(a.ws, { type: 'event', event, payload });
        // A job that ends while nobody watches starts the wait afresh.
        const ended = event === 'training.event' && ['finished', 'stopped', 'failed'].includes((payload as { event: string }).event);
        if (ended && !a.ws) waitForTab(a);
      },
    });
    attachments.add(a);
    if (id) byId.set(id, a);
    return a;
  }

  function drop(a: Attachment): void {
    if (a.expiry) clearTimeout(a.expiry);
    a.expiry = null;
    attachments.delete(a);
    if (a.id && byId.get(a.id) === a) byId.delete(a.id);
    a.ws?.terminate();
    a.ws = null;
    void a.session.dispose();
  }

  /** Keeps a detached session for the grace period, and for as long as its job runs. */
  function waitForTab(a: Attachment): void {
    if (a.expiry) clearTimeout(a.expiry);
    a.expiry = setTimeout(() => {
      a.expiry = null;
      if (a.ws) return;
      if (a.session.trainer.running) waitForTab(a);
      else drop(a);
    }, graceMs);
    a.expiry.unref();
  }

  /** At most `maxDetached` sessions wait: idle ones go before ones with a running job, the longest-waiting first. */
  function boundDetached(): void {
    const waiting = [...attachments].filter((a) => !a.ws);
    if (waiting.length <= maxDetached) return;
    waiting.sort((x, y) => Number(x.session.trainer.running) - Number(y.session.trainer.running) || x.detachedAt - y.detachedAt);
    for (const a of waiting.slice(0, waiting.length - maxDetached)) {
      opts.log?.('ended a detached session: too many sessions wait for their tab');
      drop(a);
    }
  }

  function connect(ws: WebSocket, id: string | null): void {
    let a = id ? byId.get(id) : undefined;
    if (a) {
      // The same tab again (a reload), or the same id from a second connection: the newest wins.
      if (a.expiry) clearTimeout(a.expiry);
      a.expiry = null;
      const older = a.ws;
      a.ws = ws;
      if (older) older.close(TAKEN_OVER, 'this session was taken over by a newer connection');
    } else {
      a = newAttachment(id, ws);
    }
    const mine = a;
    ws.on('message', (data) => {
      let parsed;
      try {
        parsed = wsClientMessage.safeParse(JSON.parse(String(data)));
      } catch {
        parsed = null;
      }
      if (!parsed?.success) {
        send(ws, { type: 'response', id: -1, envelope: { ok: false, error: { code: 'invalid', message: 'a message must be JSON {id, channel, request}' } } });
        return;
      }
      const { id: callId, channel, request } = parsed.data;
      // A socket that lost its session to a newer one is no longer heard.
      if (mine.ws !== ws) return;
      // The answer goes back on the socket that asked.
      void mine.session.handle(channel, request).then((envelope) => send(ws, { type: 'response', id: callId, envelope }));
    });
    ws.on('close', () => {
      if (mine.ws !== ws) return;
      mine.ws = null;
      if (!mine.id || closing) {
        drop(mine);
        return;
      }
      mine.detachedAt = Date.now();
      waitForTab(mine);
      boundDetached();
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
    stats: () => ({ sessions: attachments.size, detached: [...attachments].filter((a) => !a.ws).length }),
    async close() {
      closing = true;
      for (const c of wss.clients) c.terminate();
      const all = [...attachments];
      for (const a of all) {
        if (a.expiry) clearTimeout(a.expiry);
        a.expiry = null;
      }
      attachments.clear();
      byId.clear();
      await Promise.all(all.map((a) => a.session.dispose()));
      await pool.dispose();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
