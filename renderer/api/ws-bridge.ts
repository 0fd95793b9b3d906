// Browser mode's transport: the same envelopes the preload passes, over one WebSocket to the
// local host. Requests carry ids; responses settle them; events fan out to listeners.
import { MAX_MESSAGE_BYTES, MAX_UPLOAD_BYTES, TAKEN_OVER, wsServerMessage, type Envelope, type PreloadBridge } from '../../electron/contract.js';

/** The part of the DOM WebSocket this bridge uses (the `ws` package fits it too, for tests). */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  addEventListener(type: 'open' | 'error', listener: () => void): void;
  addEventListener(type: 'close', listener: (ev: { code?: number; reason?: string }) => void): void;
  addEventListener(type: 'message', listener: (ev: { data: unknown }) => void): void;
}

const OPEN = 1;

/** Megabytes as people read them in a file dialog (MiB, rounded). */
export function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${mb < 10 ? mb.toFixed(1) : Math.round(mb)} MB`;
}

/** Why a file is too large to upload in browser mode, or null: checked on File.size before
 *  the file is read, so an 81 MB CSV is a message, not a message the host must refuse. */
export function uploadTooLarge(file: { name: string; size: number }): string | null {
  if (file.size <= MAX_UPLOAD_BYTES) return null;
  return `${file.name} is ${megabytes(file.size)}; browser mode uploads at most ${megabytes(MAX_UPLOAD_BYTES)} — use a smaller file, or open it in the desktop app, which reads files where they are`;
}

/** The host's close codes in words (RFC 6455 §7.4.1; ws closes with these on a protocol error). */
function closedBecause(code: number | undefined, reason: string | undefined): string {
  if (code === TAKEN_OVER) return 'this session is open in another connection now (a newer copy of this tab); use that one or reload this page';
  if (code === 1009) return `the LayerLab host refused a message over ${megabytes(MAX_MESSAGE_BYTES)} and closed the connection; reload the page`;
  if (code === 1007 || code === 1002) return 'the LayerLab host closed the connection after a malformed message; reload the page';
  if (reason) return `the LayerLab host closed the connection: ${reason}; reload the page`;
  return 'the connection to the LayerLab host closed; reload the page';
}

/** UTF-8 bytes of a string, without encoding it (a 64 MB upload need not be copied to be measured). */
function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      n += d >= 0xdc00 && d < 0xe000 ? 4 : 3;
      if (d >= 0xdc00 && d < 0xe000) i++;
    } else n += 3;
  }
  return n;
}

export interface WsBridge extends PreloadBridge {
  close(): void;
}

export function createWsBridge(socket: SocketLike): WsBridge {
  let nextId = 1;
  /** Why the socket is gone, once it is; later calls are answered with it. */
  let closed: string | null = null;
  const pending = new Map<number, (env: Envelope<unknown>) => void>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const queue: string[] = [];

  socket.addEventListener('open', () => {
    for (const msg of queue.splice(0)) socket.send(msg);
  });
  const fail = (message: string) => {
    closed ??= message;
    for (const settle of pending.values()) settle({ ok: false, error: { code: 'unavailable', message } });
    pending.clear();
  };
  socket.addEventListener('close', (ev) => fail(closedBecause(ev?.code, ev?.reason)));
  socket.addEventListener('error', () => fail('the connection to the LayerLab host failed; is `npm run web` still running?'));
  socket.addEventListener('message', (ev) => {
    let raw: unknown;
    try {
      raw = JSON.parse(String(ev.data));
    } catch {
      return; // not ours; the host only sends JSON
    }
    const parsed = wsServerMessage.safeParse(raw);
    if (!parsed.success) {
      // A response that breaks the protocol still answers its call, with what was wrong;
      // anything else is dropped, as the client drops an event that breaks the contract.
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '') : '(root)';
      const message = `bad message from the LayerLab host: ${where}: ${issue?.message ?? 'invalid'}`;
      const id = (raw as { id?: unknown } | null)?.id;
      const settle = typeof id === 'number' ? pending.get(id) : undefined;
      if (settle) {
        pending.delete(id as number);
        settle({ ok: false, error: { code: 'invalid', message } });
      } else console.error(message);
      return;
    }
    const msg = parsed.data;
    if (msg.type === 'response') {
      const settle = pending.get(msg.id);
      pending.delete(msg.id);
      settle?.(msg.envelope);
    } else if (msg.type === 'event') {
      for (const l of listeners.get(msg.event) ?? []) l(msg.payload);
    }
  });

  return {
    invoke(channel, request) {
      if (closed !== null) return Promise.resolve({ ok: false, error: { code: 'unavailable', message: `not connected to the LayerLab host (${closed})` } });
      const id = nextId++;
      let text: string;
      try {
        text = JSON.stringify({ id, channel, request });
      } catch (e) {
        return Promise.resolve({ ok: false, error: { code: 'invalid', message: `this request cannot be sent: ${(e as Error).message}` } });
      }
      // The host closes the socket on a message over its limit; refusing here keeps it open.
      // Most messages are far below it, which their length in UTF-16 units already shows.
      if (text.length * 3 > MAX_MESSAGE_BYTES) {
        const bytes = utf8Length(text);
        if (bytes > MAX_MESSAGE_BYTES)
          return Promise.resolve({
            ok: false,
            error: { code: 'invalid', message: `this request is ${megabytes(bytes)}; browser mode sends at most ${megabytes(MAX_MESSAGE_BYTES)} at once` },
          });
      }
      return new Promise((resolve) => {
        pending.set(id, resolve);
        if (socket.readyState === OPEN) socket.send(text);
        else queue.push(text);
      });
    },
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
    close() {
      socket.close();
    },
  };
}
