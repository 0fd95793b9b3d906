// Browser mode: serves the built renderer and the API over a WebSocket, on 127.0.0.1 only.
// A random token in the page URL guards the socket, and an Origin check keeps other web
// pages from talking to it. Every browser tab gets its own session (document, training job):
// the tab names it by a random id, so a reload takes the same session back, running job
// included; a session whose socket closed waits a grace period for that (longer while its
// job runs), then goes. Without an id, a connection's session ends with it.
//
// Nothing a client sends may take the process down (it holds every tab's training job): each
// request, upgrade, socket and WebSocket has its errors caught and answered, in plain text
// with a reason (400, 403, 404, 405, 413), or as an error envelope on the socket.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { isSessionId, MAX_MESSAGE_BYTES, TAKEN_OVER, wsClientMessage, type Envelope, type WsServerMessage } from './contract.js';
import { Session } from './handlers.js';
import { contentSecurityPolicy, isAllowedHost, securityHeaders } from './security.js';
import { readStatic } from './static-files.js';
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
export { TAKEN_OVER };

/** Why a request is refused, answered with its status and this text. */
class Refusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The path of a request target, still percent-encoded (static-files.ts decodes it): 400 for one that is not a path. */
function requestPath(rawUrl: string | undefined): string {
  // Origin-form only ("/index.html?x"): an absolute URL or "*" names no file here.
  if (!rawUrl || !rawUrl.startsWith('/')) throw new Refusal(400, 'bad request: the request target must be a path starting with "/"');
  try {
    return new URL(rawUrl, 'http://127.0.0.1').pathname;
  } catch {
    throw new Refusal(400, 'bad request: the request target is not a valid URL path');
  }
}

/** An error in words, for the log and for answers. */
function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

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
  // The first Train's worker starts with the host, not when that Train is pressed.
  pool.prewarm();
  let port = 0;
  let origins: string[] = [];
  let headers: Record<string, string> = {};
  const log = (line: string) => {
    try {
      opts.log?.(line);
    } catch {
      // A failing logger must not turn a refused request into a crash.
    }
  };

  /** The text and headers of a plain-text answer: never the request's own bytes, so nothing it sent is reflected. */
  function plain(status: number, why: string): { head: Record<string, string>; body: string } {
    const body = `${why}\n`;
    return { head: { ...headers, 'content-type': 'text/plain; charset=utf-8', 'content-length': String(Buffer.byteLength(body)), 'cache-control': 'no-store' }, body };
  }

  function answer(res: ServerResponse, status: number, why: string, extra: Record<string, string> = {}): void {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const { head, body } = plain(status, why);
    res.writeHead(status, { ...head, ...extra }).end(body);
  }

  /** A refusal written on a raw socket (an upgrade, a request the parser could not read), then the socket closed. */
  function answerSocket(socket: Duplex, status: number, why: string): void {
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    const { head, body } = plain(status, why);
    const lines = Object.entries({ ...head, connection: 'close' }).map(([k, v]) => `${k}: ${v}\r\n`);
    socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n${lines.join('')}\r\n${body}`, () => socket.destroy());
  }

  function checkHost(req: IncomingMessage): void {
    // DNS rebinding: a page on evil.example resolved to 127.0.0.1 sends Host: evil.example.
    if (!isAllowedHost(req.headers.host, port)) throw new Refusal(403, `forbidden: this host answers only to Host 127.0.0.1:${port} or localhost:${port}`);
  }

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    checkHost(req);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      answer(res, 405, 'method not allowed: this host serves files with GET and HEAD only', { allow: 'GET, HEAD' });
      return;
    }
    // A file server reads no bodies; one announced is refused rather than drained.
    if (Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined) {
      answer(res, 413, 'payload too large: this host takes no request bodies', { connection: 'close' });
      return;
    }
    const found = await readStatic(root, requestPath(req.url));
    if (found.status !== 200) throw new Refusal(found.status, found.reason);
    res.writeHead(200, {
      ...headers,
      'content-type': found.contentType,
      'content-length': String(found.body.length),
      'cache-control': 'no-cache',
    });
    res.end(found.body);
  }

  const server = createServer((req, res) => {
    // A client that goes away mid-request is nobody's error.
    req.on('error', () => {});
    res.on('error', () => {});
    serve(req, res).catch((e: unknown) => {
      if (e instanceof Refusal) answer(res, e.status, e.message);
      else {
        log(`a request failed: ${errorText(e)}`);
        answer(res, 500, 'internal error');
      }
    });
  });
  // Bytes the HTTP parser cannot read (a malformed request line, oversized headers, a reset).
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent;
    if (err.code === 'ECONNRESET' || err.code === 'EPIPE' || inFlight) {
      socket.destroy();
      return;
    }
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    answerSocket(socket, status, status === 431 ? 'request headers too large' : status === 408 ? 'request timed out' : 'bad request: not a valid HTTP request');
  });
  // Past listen (an accept that fails, say): logged, never thrown.
  const onServerError = (e: Error) => log(`web host: ${errorText(e)}`);

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  wss.on('error', (e) => log(`WebSocket server: ${errorText(e)}`));
  let closing = false;

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // First of all: a client that resets the connection after a refusal is not an error here.
    // (A reset is how tabs close; only something else is worth a line in the log.)
    socket.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'ECONNRESET' && e.code !== 'EPIPE') log(`a WebSocket connection failed: ${errorText(e)}`);
    });
    try {
      checkHost(req);
      let url: URL;
      try {
        if (!req.url?.startsWith('/')) throw new Error('not a path');
        url = new URL(req.url, 'http://127.0.0.1');
      } catch {
        throw new Refusal(400, 'bad request: the request target is not a valid URL path');
      }
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
              ? 'this origin is not allowed'
              : sessionId !== null && !isSessionId(sessionId)
                ? 'bad session id (a lowercase UUID is expected)'
                : null;
      if (why) throw new Refusal(403, `forbidden: ${why}`);
      // ws answers a bad handshake (version, key) itself, with a 400.
      wss.handleUpgrade(req, socket, head, (ws) => {
        try {
          connect(ws, sessionId);
        } catch (e) {
          log(`could not start a session: ${errorText(e)}`);
          ws.close(1011, 'the host could not start a session');
        }
      });
    } catch (e) {
      const refusal = e instanceof Refusal ? e : new Refusal(400, 'bad request');
      if (!(e instanceof Refusal)) log(`an upgrade failed: ${errorText(e)}`);
      log(`refused a WebSocket: ${refusal.message}`);
      answerSocket(socket, refusal.status, refusal.message);
    }
  });

  const attachments = new Set<Attachment>();
  const byId = new Map<string, Attachment>();

  /** Sends a message; one that cannot be written as JSON (a value nested thousands deep, a
   *  cycle) goes as an error envelope when it answers a call, and is dropped (logged) otherwise. */
  function send(ws: WebSocket | null, m: WsServerMessage): void {
    if (!ws || ws.readyState !== ws.OPEN) return;
    let text: string;
    try {
      text = JSON.stringify(m);
    } catch (e) {
      if (m.type !== 'response') {
        log(`dropped the event ${m.event}: it cannot be written as JSON (${errorText(e)})`);
        return;
      }
      text = JSON.stringify({ type: 'response', id: m.id, envelope: failure('failed', `the answer could not be sent: ${errorText(e)}`) } satisfies WsServerMessage);
    }
    ws.send(text, (e) => e && log(`a message was not sent: ${errorText(e)}`));
  }

  const failure = (code: 'invalid' | 'failed', message: string): Envelope<unknown> => ({ ok: false, error: { code, message } });

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
    a.session.dispose().catch((e: unknown) => log(`ending a session failed: ${errorText(e)}`));
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
    // Protocol errors (invalid UTF-8, an unmasked frame, a bad opcode or close code, a message
    // over MAX_MESSAGE_BYTES): ws has already closed the socket with the matching code (1002,
    // 1007, 1009), which the renderer's bridge puts in words; here it is only logged.
    ws.on('error', (e) => log(`closed a WebSocket: ${errorText(e)}`));
    ws.on('message', (data: RawData, isBinary: boolean) => {
      let message: unknown;
      try {
        if (isBinary) throw new Error('binary');
        message = JSON.parse((Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data)).toString('utf8'));
      } catch {
        send(ws, { type: 'response', id: -1, envelope: failure('invalid', 'a message must be JSON text {id, channel, request}') });
        return;
      }
      const parsed = wsClientMessage.safeParse(message);
      if (!parsed.success) {
        // An id we can read still gets its answer, so the caller's promise settles.
        const raw = (message as { id?: unknown } | null)?.id;
        const id = typeof raw === 'number' && Number.isInteger(raw) && raw >= 0 ? raw : -1;
        send(ws, { type: 'response', id, envelope: failure('invalid', 'a message must be JSON {id, channel, request} with a whole-number id and a channel name') });
        return;
      }
      const { id: callId, channel, request } = parsed.data;
      // A socket that lost its session to a newer one is no longer heard.
      if (mine.ws !== ws) return;
      // The answer goes back on the socket that asked; a handler that throws past its own
      // catch is answered too, never left as an unhandled rejection.
      mine.session
        .handle(channel, request)
        .catch((e: unknown): Envelope<unknown> => failure('failed', errorText(e)))
        .then((envelope) => send(ws, { type: 'response', id: callId, envelope }))
        .catch((e: unknown) => log(`an answer on '${channel}' was not sent: ${errorText(e)}`));
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
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', onServerError);
  port = (server.address() as AddressInfo).port;
  origins = [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
  headers = securityHeaders(contentSecurityPolicy([`ws://127.0.0.1:${port}`, `ws://localhost:${port}`]));
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
      await Promise.allSettled(all.map((a) => a.session.dispose()));
      await pool.dispose();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
