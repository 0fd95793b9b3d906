// Browser mode's transport: the same envelopes the preload passes, over one WebSocket to the
// local host. Requests carry ids; responses settle them; events fan out to listeners.
import type { Envelope, PreloadBridge, WsServerMessage } from '../../electron/contract.js';

/** The part of the DOM WebSocket this bridge uses (the `ws` package fits it too, for tests). */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  addEventListener(type: 'open' | 'error', listener: () => void): void;
  addEventListener(type: 'close', listener: (ev: { code?: number }) => void): void;
  addEventListener(type: 'message', listener: (ev: { data: unknown }) => void): void;
}

const OPEN = 1;
/** The host's close code for a socket whose session a newer connection took (electron/web-host.ts). */
const TAKEN_OVER = 4001;

export interface WsBridge extends PreloadBridge {
  close(): void;
}

export function createWsBridge(socket: SocketLike): WsBridge {
  let nextId = 1;
  let closed = false;
  const pending = new Map<number, (env: Envelope<unknown>) => void>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const queue: string[] = [];

  socket.addEventListener('open', () => {
    for (const msg of queue.splice(0)) socket.send(msg);
  });
  const fail = (message: string) => {
    closed = true;
    for (const settle of pending.values()) settle({ ok: false, error: { code: 'unavailable', message } });
    pending.clear();
  };
  socket.addEventListener('close', (ev) =>
    fail(
      ev?.code === TAKEN_OVER
        ? 'this session is open in another connection now (a newer copy of this tab); use that one or reload this page'
        : 'the connection to the LayerLab host closed; reload the page',
    ),
  );
  socket.addEventListener('error', () => fail('the connection to the LayerLab host failed; is `npm run web` still running?'));
  socket.addEventListener('message', (ev) => {
    let msg: WsServerMessage;
    try {
      msg = JSON.parse(String(ev.data)) as WsServerMessage;
    } catch {
      return; // not ours; the host only sends JSON
    }
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
      if (closed) return Promise.resolve({ ok: false, error: { code: 'unavailable', message: 'not connected to the LayerLab host' } });
      const id = nextId++;
      const text = JSON.stringify({ id, channel, request });
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
