// The browser-mode host under attack, over loopback: the real host, the real engine in its
// real worker, raw bytes on node:net sockets and WebSocket frames written by hand (RFC 6455),
// then random bytes and random frames (fast-check, bounded). After every attack the host
// must still serve the page, a fresh authenticated socket must still get answers, and the
// XOR job started before the first attack must still be running: a teacher leaves this host
// up for a whole class, so no request, frame or message may take it down.
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { TrainingEvent } from '../engine/train/events.js';
import { apiFromBridge } from '../renderer/api/client.js';
import { createWsBridge, uploadTooLarge, type SocketLike } from '../renderer/api/ws-bridge.js';
import { MAX_MESSAGE_BYTES, MAX_UPLOAD_BYTES, type LayerLabApi } from './contract.js';
import { MAX_IMAGE_FILES } from './image-upload.js';
import { startWebHost, type WebHost } from './web-host.js';

const templatesDir = fileURLToPath(new URL('../templates/', import.meta.url));
let dir: string;
let host: WebHost;
const logged: string[] = [];

// --- The job that must outlive every attack ---------------------------------------------------

let job: { api: LayerLabApi; socket: WebSocket; jobId: string; events: TrainingEvent[] };
const epochs = () => job.events.filter((e) => e.event === 'epoch').length;
const ended = () => job.events.find((e) => e.event === 'finished' || e.event === 'failed' || e.event === 'stopped');

function connectApi(): { api: LayerLabApi; socket: WebSocket } {
  const socket = new WebSocket(`ws://127.0.0.1:${host.port}/api?token=${host.token}`, { origin: `http://127.0.0.1:${host.port}` });
  return { api: apiFromBridge(createWsBridge(socket as unknown as SocketLike), 'browser'), socket };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(what: () => boolean, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await sleep(20);
  }
}

/** The host is up: the page loads, a fresh authenticated socket gets an answer, the job still runs. */
async function alive(): Promise<void> {
  const page = await fetch(`http://127.0.0.1:${host.port}/`);
  expect(page.status).toBe(200);
  await page.arrayBuffer();
  const { api, socket } = connectApi();
  try {
    const { templates } = await api.invoke('templates.list', {});
    expect(templates.map((t) => t.id)).toContain('xor');
  } finally {
    socket.terminate();
  }
  expect(ended()).toBeUndefined();
}

// --- Raw HTTP ------------------------------------------------------------------------------

interface RawAnswer {
  text: string;
  status: number | null;
  headers: Record<string, string>;
  body: string;
}

function parseAnswer(text: string): RawAnswer {
  const split = text.indexOf('\r\n\r\n');
  const head = split >= 0 ? text.slice(0, split) : text;
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(head);
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n').slice(1)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return { text, status: status ? Number(status[1]) : null, headers, body: split >= 0 ? text.slice(split + 4) : '' };
}

/** Writes bytes on a fresh TCP connection and collects what comes back until the host closes it
 *  (or `waitMs` passes). `end`: half-close after writing, as a client with nothing more to say. */
function raw(data: string | Uint8Array, opts: { waitMs?: number; end?: boolean; resetOnData?: boolean } = {}): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const s = net.connect(host.port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let settled = false;
    const done = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      s.destroy();
      resolve(parseAnswer(Buffer.concat(chunks).toString('latin1')));
    };
    const timer = setTimeout(done, opts.waitMs ?? 3000);
    s.on('error', () => done());
    s.on('close', done);
    s.on('data', (c) => {
      chunks.push(c);
      // The attack of issue 16: take the refusal, then reset the connection (RST, not FIN).
      if (opts.resetOnData) {
        s.resetAndDestroy();
        done();
      }
    });
    s.on('connect', () => {
      s.write(data);
      if (opts.end) s.end();
    });
  });
}

const hostHeader = () => `127.0.0.1:${host.port}`;
const get = (target: string, extra = '') => raw(`GET ${target} HTTP/1.1\r\nHost: ${hostHeader()}\r\nConnection: close\r\n${extra}\r\n`);

// --- Raw WebSocket -------------------------------------------------------------------------

function upgradeRequest(o: { token?: string; host?: string; origin?: string; path?: string } = {}): string {
  return [
    `GET ${o.path ?? `/api?token=${o.token ?? host.token}`} HTTP/1.1`,
    `Host: ${o.host ?? hostHeader()}`,
    `Origin: ${o.origin ?? `http://127.0.0.1:${host.port}`}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
    'Sec-WebSocket-Version: 13',
    '',
    '',
  ].join('\r\n');
}

/** One frame, client to server (masked unless told otherwise). `claimedLength` overrides the length field. */
function frame(opcode: number, payload: Uint8Array | string, o: { fin?: boolean; mask?: boolean; rsv?: number; claimedLength?: number } = {}): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : Buffer.from(payload);
  const mask = o.mask ?? true;
  const length = o.claimedLength ?? body.length;
  const first = ((o.fin ?? true) ? 0x80 : 0) | (((o.rsv ?? 0) & 7) << 4) | (opcode & 0x0f);
  let head: Buffer;
  if (length < 126) head = Buffer.from([first, (mask ? 0x80 : 0) | length]);
  else if (length < 65536) {
    head = Buffer.alloc(4);
    head[0] = first;
    head[1] = (mask ? 0x80 : 0) | 126;
    head.writeUInt16BE(length, 2);
  } else {
    head = Buffer.alloc(10);
    head[0] = first;
    head[1] = (mask ? 0x80 : 0) | 127;
    head.writeBigUInt64BE(BigInt(length), 2);
  }
  if (!mask) return Buffer.concat([head, body]);
  const key = randomBytes(4);
  const masked = Buffer.from(body.map((b, i) => b ^ key[i % 4]!));
  return Buffer.concat([head, key, masked]);
}

const closeFrame = (code: number, reason = '') => {
  const p = Buffer.alloc(2 + Buffer.byteLength(reason));
  p.writeUInt16BE(code, 0);
  p.write(reason, 2);
  return frame(0x8, p);
};

interface ServerFrame {
  opcode: number;
  payload: Buffer;
}

/** An authenticated WebSocket spoken by hand: write frames, read the host's frames. */
class RawSocket {
  readonly frames: ServerFrame[] = [];
  closed = false;
  private buf = Buffer.alloc(0);
  private constructor(readonly s: net.Socket) {}

  static open(request = upgradeRequest()): Promise<RawSocket> {
    return new Promise((resolve, reject) => {
      const s = net.connect(host.port, '127.0.0.1');
      const r = new RawSocket(s);
      let head = Buffer.alloc(0);
      let upgraded = false;
      s.on('error', () => {});
      s.on('close', () => {
        r.closed = true;
        if (!upgraded) reject(new Error(`no upgrade: ${head.toString('latin1')}`));
      });
      s.on('data', (c: Buffer) => {
        if (upgraded) return r.take(c);
        head = Buffer.concat([head, c]);
        const end = head.indexOf('\r\n\r\n');
        if (end < 0) return;
        upgraded = true;
        if (!head.subarray(0, 12).toString('latin1').startsWith('HTTP/1.1 101')) return reject(new Error(`no upgrade: ${head.toString('latin1')}`));
        resolve(r);
        r.take(head.subarray(end + 4));
      });
      s.on('connect', () => s.write(request));
    });
  }

  private take(c: Buffer): void {
    this.buf = Buffer.concat([this.buf, c]);
    for (;;) {
      if (this.buf.length < 2) return;
      let len = this.buf[1]! & 0x7f;
      let at = 2;
      if (len === 126) {
        if (this.buf.length < 4) return;
        len = this.buf.readUInt16BE(2);
        at = 4;
      } else if (len === 127) {
        if (this.buf.length < 10) return;
        len = Number(this.buf.readBigUInt64BE(2));
        at = 10;
      }
      if (this.buf.length < at + len) return;
      this.frames.push({ opcode: this.buf[0]! & 0x0f, payload: this.buf.subarray(at, at + len) });
      this.buf = this.buf.subarray(at + len);
    }
  }

  write(b: Buffer | Uint8Array): void {
    if (!this.s.destroyed) this.s.write(b);
  }

  /** The host's close code, once it sent its close frame (or null if it just dropped the connection). */
  async closeCode(ms = 5000): Promise<number | null> {
    await until(() => this.closed || this.frames.some((f) => f.opcode === 0x8), ms);
    const close = this.frames.find((f) => f.opcode === 0x8);
    this.s.destroy();
    return close && close.payload.length >= 2 ? close.payload.readUInt16BE(0) : null;
  }

  /** The next JSON text message from the host. */
  async message(ms = 10_000): Promise<{ type: string; id?: number; envelope?: { ok: boolean; error?: { code: string; message: string } } }> {
    const seen = this.frames.length;
    await until(() => this.frames.slice(seen).some((f) => f.opcode === 0x1) || this.closed, ms);
    const f = this.frames.slice(seen).find((x) => x.opcode === 0x1);
    if (!f) throw new Error('the host closed the socket instead of answering');
    return JSON.parse(f.payload.toString('utf8'));
  }

  destroy(): void {
    this.s.destroy();
  }
}

/** `{"a":{"a":…}}`, written as text (JSON.stringify of a value this deep overflows). */
const nested = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;

// --- The suite ---------------------------------------------------------------------------

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'layerlab-attack-'));
  await mkdir(path.join(dir, 'renderer'));
  await writeFile(path.join(dir, 'renderer', 'index.html'), '<!doctype html><title>LayerLab</title>');
  host = await startWebHost({ port: 0, rendererDir: path.join(dir, 'renderer'), templatesDir, workspace: path.join(dir, 'ws'), log: (l) => logged.push(l) });
  const c = connectApi();
  const { project } = await c.api.invoke('templates.load', { id: 'xor' });
  project.training.epochs = 1_000_000;
  const events: TrainingEvent[] = [];
  c.api.on('training.event', (e) => events.push(e));
  const { jobId } = await c.api.invoke('training.start', { project, backend: 'cpu' });
  job = { ...c, jobId, events };
  await until(() => epochs() >= 2, 60_000);
});

afterAll(async () => {
  if (job) await job.api.invoke('training.stop', { jobId: job.jobId }).catch(() => {});
  job?.socket.terminate();
  await host?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('web host under attack: HTTP', () => {
  it('answers GET /%ff with a 400 and a reason instead of dying', async () => {
    const r = await get('/%ff');
    expect(r.status).toBe(400);
    expect(r.body).toMatch(/not valid percent-encoded UTF-8/);
    await alive();
  });

  it('answers malformed request lines and heads with 400/405/413/431, each with a reason', async () => {
    const cases: [string, number | null][] = [
      ['GARBAGE\r\n\r\n', 400],
      ['GET / HTTP/9.9\r\nHost: x\r\n\r\n', 400],
      [`GET / HTTP/1.1\r\nHost: ${hostHeader()}\r\nContent-Length: nope\r\n\r\n`, 400],
      [`GET / HTTP/1.1\r\nHost: ${hostHeader()}\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431],
      [`GET http://evil.example/ HTTP/1.1\r\nHost: ${hostHeader()}\r\nConnection: close\r\n\r\n`, 400],
      [`GET /%00 HTTP/1.1\r\nHost: ${hostHeader()}\r\nConnection: close\r\n\r\n`, 400],
      [`GET /%E0%A4%A HTTP/1.1\r\nHost: ${hostHeader()}\r\nConnection: close\r\n\r\n`, 400],
      [`POST / HTTP/1.1\r\nHost: ${hostHeader()}\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc`, 405],
      [`GET / HTTP/1.1\r\nHost: ${hostHeader()}\r\nContent-Length: 1000000000\r\n\r\nabc`, 413],
      [`GET / HTTP/1.1\r\nHost: ${hostHeader()}\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n`, 413],
      [`OPTIONS * HTTP/1.1\r\nHost: ${hostHeader()}\r\nConnection: close\r\n\r\n`, 405],
      ['\x00\x01\x02\x03\xff\xfe\r\n\r\n', 400],
    ];
    for (const [request, status] of cases) {
      const r = await raw(request);
      expect(r.status, JSON.stringify(request.slice(0, 60))).toBe(status);
      expect(r.body.trim().length, `a reason for ${JSON.stringify(request.slice(0, 40))}`).toBeGreaterThan(0);
      await alive();
    }
  });

  it('refuses a foreign Host header (DNS rebinding) on requests and upgrades', async () => {
    for (const h of ['evil.example', `evil.example:${host.port}`, `127.0.0.1:${host.port + 1}`, `127.0.0.1:${host.port}.evil.example`]) {
      const r = await raw(`GET / HTTP/1.1\r\nHost: ${h}\r\nConnection: close\r\n\r\n`);
      expect(r.status).toBe(403);
      expect(r.body).toMatch(/answers only to Host 127\.0\.0\.1:\d+ or localhost:\d+/);
      expect(r.body).not.toContain('evil');
      const u = await raw(upgradeRequest({ host: h }));
      expect(u.status).toBe(403);
    }
    // HTTP/1.0 may leave Host out; this host still wants its own.
    expect((await raw('GET / HTTP/1.0\r\n\r\n')).status).toBe(403);
    expect((await raw(`GET / HTTP/1.1\r\nHost: localhost:${host.port}\r\nConnection: close\r\n\r\n`)).status).toBe(200);
    await alive();
  });

  it('sends nosniff, no-referrer and same-origin policies, and a 404 that does not reflect the path', async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
    });
    const missing = await get('/%3Cscript%3Ealert(1)%3C/script%3E.html');
    expect(missing.status).toBe(404);
    expect(missing.headers['x-content-type-options']).toBe('nosniff');
    expect(missing.headers['content-type']).toMatch(/^text\/plain/);
    expect(missing.body).not.toMatch(/script|alert/);
    expect((await get('/..%2F..%2F..%2Fetc%2Fpasswd')).status).toBeGreaterThanOrEqual(403);
    await alive();
  });

  it('survives a refused upgrade followed by a TCP reset, again and again', async () => {
    for (let i = 0; i < 8; i++) {
      const r = await raw(upgradeRequest({ token: 'guess' }), { resetOnData: true });
      expect(r.status).toBe(403);
      // And a reset before the host has even answered.
      const s = net.connect(host.port, '127.0.0.1');
      s.on('error', () => {});
      await new Promise<void>((resolve) => s.on('connect', () => resolve()));
      s.write(upgradeRequest({ origin: 'https://evil.example' }));
      s.resetAndDestroy();
    }
    await alive();
  });
});

describe('web host under attack: WebSocket frames', () => {
  it('closes a socket that sends invalid UTF-8 in a text frame (1007), and lives', async () => {
    const ws = await RawSocket.open();
    ws.write(frame(0x1, Buffer.from([0x7b, 0xff, 0xfe, 0x7d])));
    expect(await ws.closeCode()).toBe(1007);
    await alive();
  });

  it('closes a socket that sends an unmasked frame (1002), and lives', async () => {
    const ws = await RawSocket.open();
    ws.write(frame(0x1, '{"id":1,"channel":"templates.list","request":{}}', { mask: false }));
    expect(await ws.closeCode()).toBe(1002);
    await alive();
  });

  it('closes a socket that sends a reserved opcode or RSV bits (1002), and lives', async () => {
    for (const bad of [frame(0x3, 'x'), frame(0xb, 'x'), frame(0x1, 'x', { rsv: 4 })]) {
      const ws = await RawSocket.open();
      ws.write(bad);
      expect(await ws.closeCode()).toBe(1002);
    }
    await alive();
  });

  it('closes a socket that sends a bad close code (1002), and lives', async () => {
    for (const code of [0, 999, 1005, 1006, 2999, 5000]) {
      const ws = await RawSocket.open();
      ws.write(closeFrame(code));
      expect(await ws.closeCode()).toBe(1002);
    }
    await alive();
  });

  it('closes a socket whose message is over the limit (1009) without reading it, and lives', async () => {
    // One frame that claims more than the limit, and a fragmented message that adds up past it.
    const one = await RawSocket.open();
    one.write(frame(0x1, 'x', { claimedLength: MAX_MESSAGE_BYTES + 1 }));
    expect(await one.closeCode()).toBe(1009);
    const parts = await RawSocket.open();
    parts.write(frame(0x1, Buffer.alloc(1024 * 1024, 0x20), { fin: false }));
    parts.write(frame(0x0, 'x', { fin: false, claimedLength: MAX_MESSAGE_BYTES }));
    expect(await parts.closeCode()).toBe(1009);
    await alive();
  });

  it("the renderer's bridge refuses an oversized request before sending it, and says so when the host closes over one", async () => {
    const { api, socket } = connectApi();
    await api.invoke('templates.list', {});
    const text = 'a,b\n'.repeat(Math.ceil((MAX_MESSAGE_BYTES + 1) / 4));
    await expect(api.invoke('datasets.import', { upload: { name: 'big.csv', text } })).rejects.toThrow(/this request is \d+ MB; browser mode sends at most 65 MB at once/);
    // The socket is still open and answering.
    expect((await api.invoke('templates.list', {})).templates.length).toBeGreaterThan(0);
    // Past the bridge (a client that does not check): the host closes with 1009, and the
    // bridge words it for the next call.
    const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
    socket.send(Buffer.alloc(MAX_MESSAGE_BYTES + 1, 0x20));
    expect(await closed).toBe(1009);
    await expect(api.invoke('templates.list', {})).rejects.toThrow(/refused a message over 65 MB/);
    await alive();
  });

  it('the upload size check names the file and both sizes', () => {
    expect(uploadTooLarge({ name: 'digits.csv', size: 81 * 1024 * 1024 })).toMatch(/^digits\.csv is 81 MB; browser mode uploads at most 64 MB — /);
    expect(uploadTooLarge({ name: 'ok.csv', size: MAX_UPLOAD_BYTES })).toBeNull();
  });
});

describe('web host under attack: messages', () => {
  it('answers non-JSON, binary and malformed messages with an error envelope', async () => {
    const ws = await RawSocket.open();
    ws.write(frame(0x1, 'hello, not JSON'));
    expect(await ws.message()).toMatchObject({ type: 'response', id: -1, envelope: { ok: false, error: { code: 'invalid' } } });
    ws.write(frame(0x2, randomBytes(64)));
    expect(await ws.message()).toMatchObject({ type: 'response', id: -1, envelope: { ok: false } });
    // An id it can read gets its answer, so the caller is not left waiting.
    ws.write(frame(0x1, '{"id":7,"channel":42}'));
    expect(await ws.message()).toMatchObject({ type: 'response', id: 7, envelope: { ok: false, error: { code: 'invalid' } } });
    ws.write(frame(0x1, '{"id":8,"channel":"no.such","request":{}}'));
    expect(await ws.message()).toMatchObject({ type: 'response', id: 8, envelope: { ok: false, error: { code: 'unknown-channel' } } });
    // A request nested 100,000 deep: JSON.parse reads it; whatever the channel makes of it, it answers.
    ws.write(frame(0x1, `{"id":9,"channel":"templates.list","request":${nested(100_000)}}`));
    expect(await ws.message()).toMatchObject({ type: 'response', id: 9 });
    ws.write(frame(0x1, `{"id":11,"channel":"templates.load","request":{"id":${nested(100_000)}}}`));
    expect(await ws.message()).toMatchObject({ type: 'response', id: 11, envelope: { ok: false, error: { code: 'invalid' } } });
    // Still the same socket, still answering.
    ws.write(frame(0x1, '{"id":10,"channel":"templates.list","request":{}}'));
    expect(await ws.message()).toMatchObject({ type: 'response', id: 10, envelope: { ok: true } });
    ws.destroy();
    await alive();
  });

  it('answers a project nested 8,000 levels deep (project.open, project.save) with an error naming the node', async () => {
    const ws = await RawSocket.open();
    const doc = (params: string) =>
      `{"format":"layerlab-project","version":2,"name":"deep","graph":{"nodes":[{"id":"in","kind":"Input","params":${params},"position":{"x":0,"y":0}}],"edges":[]},"dataset":{"id":"xor"},"training":{"optimizer":{"kind":"adam","learningRate":0.1},"loss":"meanSquaredError","metrics":[],"epochs":1,"batchSize":4,"validationSplit":0}}`;
    for (const levels of [3000, 8000]) {
      const text = doc(`{"shape":[2],"x":${nested(levels)}}`);
      ws.write(frame(0x1, JSON.stringify({ id: levels, channel: 'project.open', request: { upload: { name: 'deep.layerlab.json', text } } })));
      const m = await ws.message();
      expect(m).toMatchObject({ id: levels, envelope: { ok: false } });
      expect(m.envelope!.error!.message).toMatch(/deep\.layerlab\.json: graph\.nodes\[0\]\.params\.x(\.a)+: nested more than \d+ levels deep \(node 'in'/);
    }
    // The same project sent as an object (not a file) to be saved.
    ws.write(frame(0x1, `{"id":1,"channel":"project.saveAs","request":{"suggestedName":"deep","project":${doc(`{"shape":[2],"x":${nested(8000)}}`)}}}`));
    const saved = await ws.message();
    expect(saved).toMatchObject({ id: 1, envelope: { ok: false } });
    expect(saved.envelope!.error!.message).toMatch(/graph\.nodes\[0\]\.params\.x(\.a)+/);
    ws.destroy();
    await alive();
  });
});

describe('web host under attack: image folder uploads', () => {
  it('refuses hostile names, too many images and too many bytes, writing nothing anywhere', async () => {
    const { api, socket } = connectApi();
    const ws = path.join(dir, 'ws');
    const listData = () => import('node:fs/promises').then((fs) => fs.readdir(path.join(ws, 'data')).catch(() => []));
    const before = await listData();
    try {
      const ok = { name: 'cat/a.png', base64: 'iVBORw0KGgo=' };
      for (const [bad, why] of [
        ['../../escape.png', /more than one level/],
        ['../escape.png', /'\.\.' is not a class folder name/],
        [`${path.join(dir, 'abs.png')}`, /absolute path/],
        ['cat/../../../escape.png', /more than one level/],
        ['cat/x.svg', /not an image/],
        ['cat/\u0000.png', /cannot hold/],
      ] as const) {
        await expect(api.invoke('datasets.import', { images: { name: 'evil', files: [ok, { name: bad, base64: 'iVBORw0KGgo=' }] } })).rejects.toThrow(why);
      }
      await expect(import('node:fs/promises').then((fs) => fs.stat(path.join(dir, 'escape.png')))).rejects.toThrow();
      await expect(import('node:fs/promises').then((fs) => fs.stat(path.join(dir, 'abs.png')))).rejects.toThrow();
      // More images than allowed, each tiny: refused by the contract before anything is read.
      const many = Array.from({ length: MAX_IMAGE_FILES + 1 }, (_, i) => ({ name: `c/${i}.png`, base64: 'AAAA' }));
      await expect(api.invoke('datasets.import', { images: { name: 'many', files: many } })).rejects.toThrow(/files/);
      // Under the message limit, over the images' own: three files of 21.5 MiB each.
      const chunk = 'A'.repeat(Math.ceil(21.5 * 1024 * 1024));
      const big = [0, 1, 2].map((i) => ({ name: `c/${i}.png`, base64: chunk }));
      await expect(api.invoke('datasets.import', { images: { name: 'big', files: big } })).rejects.toThrow(/at most 64 MiB as base64/);
      expect(await listData()).toEqual(before);
    } finally {
      socket.terminate();
    }
    await alive();
  }, 60_000);
});

describe('web host under attack: random input (fast-check)', () => {
  it('lives through random bytes on a raw TCP socket', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ minLength: 1, maxLength: 2048 }),
          // Bytes after a plausible request line reach deeper into the parser.
          fc.uint8Array({ maxLength: 512 }).map((b) => Buffer.concat([Buffer.from(`GET /${b.length} HTTP/1.1\r\nHost: 127.0.0.1\r\n`), b])),
          fc.string({ maxLength: 300 }).map((s) => Buffer.from(`GET /${s} HTTP/1.1\r\nHost: ${hostHeader()}\r\n\r\n`, 'utf8')),
        ),
        async (bytes) => {
          await raw(bytes, { waitMs: 300, end: true });
          await alive();
        },
      ),
      { numRuns: 50, interruptAfterTimeLimit: 60_000 },
    );
  }, 120_000);

  it('lives through random WebSocket frames on an authenticated socket', async () => {
    const anyFrame = fc.record({
      opcode: fc.integer({ min: 0, max: 15 }),
      payload: fc.oneof(fc.uint8Array({ maxLength: 300 }), fc.json({ maxDepth: 4 }).map((j) => Buffer.from(j, 'utf8'))),
      fin: fc.boolean(),
      mask: fc.boolean(),
      rsv: fc.integer({ min: 0, max: 7 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(anyFrame, { minLength: 1, maxLength: 4 }), async (frames) => {
        const ws = await RawSocket.open();
        for (const f of frames) ws.write(frame(f.opcode, f.payload, f));
        await sleep(30);
        ws.destroy();
        await alive();
      }),
      { numRuns: 50, interruptAfterTimeLimit: 60_000 },
    );
  }, 120_000);

  it('lives through random messages: well-framed text of any JSON to any channel', async () => {
    const channels = ['templates.list', 'templates.load', 'project.open', 'project.save', 'datasets.list', 'blocks.save', 'blocks.delete', 'no.such', 'training.stop'];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...channels), fc.jsonValue({ maxDepth: 5 }), async (channel, request) => {
        const ws = await RawSocket.open();
        ws.write(frame(0x1, JSON.stringify({ id: 1, channel, request })));
        const m = await ws.message();
        expect(m).toMatchObject({ type: 'response', id: 1 });
        ws.destroy();
        await alive();
      }),
      { numRuns: 50, interruptAfterTimeLimit: 60_000 },
    );
  }, 120_000);
});

describe('after the attacks', () => {
  it('the job started before them is still running and still training', async () => {
    const before = epochs();
    await until(() => epochs() > before + 2, 30_000);
    expect(ended()).toBeUndefined();
    expect(job.events.some((e) => e.event === 'started' && e.jobId === job.jobId)).toBe(true);
    expect(await job.api.invoke('training.stop', { jobId: job.jobId })).toEqual({ stopped: true });
    await until(() => ended() !== undefined);
    expect(ended()).toMatchObject({ event: 'stopped', jobId: job.jobId });
    // What the host noted on the way: refusals and closed sockets, each in words.
    expect(logged.some((l) => /refused a WebSocket: forbidden: bad or missing token/.test(l))).toBe(true);
    expect(logged.some((l) => /closed a WebSocket: /.test(l))).toBe(true);
  });
});
