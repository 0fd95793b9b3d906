import { describe, expect, it } from 'vitest';
import type { Envelope, PreloadBridge } from '../../electron/contract.js';
import { isSessionId } from '../../electron/contract.js';
import { apiFromBridge, ApiError, holdSessionLease, LEASE_MS, LEASE_PREFIX, newSessionId, SESSION_KEY, tabSessionId, wsUrlFromLocation } from './client.js';
import { createWsBridge, type SocketLike } from './ws-bridge.js';

/** An in-memory socket: records what is sent, lets the test play the host. */
class Loop implements SocketLike {
  readyState = 0;
  sent: { id: number; channel: string; request: unknown }[] = [];
  private l: Record<string, ((ev: { data: unknown; code?: number }) => void)[]> = {};
  addEventListener(type: string, f: (ev: { data: unknown; code?: number }) => void) {
    (this.l[type] ??= []).push(f);
  }
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.fire('close');
  }
  fire(type: string, data?: unknown, code?: number) {
    if (type === 'open') this.readyState = 1;
    for (const f of this.l[type] ?? []) f({ data: JSON.stringify(data ?? null), code });
  }
}

describe('renderer API client', () => {
  it('queues calls until the socket opens, then matches responses by id', async () => {
    const sock = new Loop();
    const api = apiFromBridge(createWsBridge(sock), 'browser');
    const a = api.invoke('training.start', { project: undefined as never });
    const b = api.invoke('training.stop', { jobId: 'j' });
    expect(sock.sent).toEqual([]);
    sock.fire('open');
    expect(sock.sent.map((m) => m.channel)).toEqual(['training.start', 'training.stop']);
    sock.fire('message', { type: 'response', id: sock.sent[1]!.id, envelope: { ok: true, value: { stopped: true } } });
    sock.fire('message', { type: 'response', id: sock.sent[0]!.id, envelope: { ok: false, error: { code: 'busy', message: 'still running' } } });
    await expect(b).resolves.toEqual({ stopped: true });
    await expect(a).rejects.toMatchObject({ name: 'ApiError', code: 'busy', message: 'still running' });
  });

  it('validates responses and events, dropping malformed events', async () => {
    const sock = new Loop();
    sock.fire('open');
    const api = apiFromBridge(createWsBridge(sock), 'browser');
    const got: unknown[] = [];
    const off = api.on('menu.action', (p) => got.push(p.action));
    sock.fire('message', { type: 'event', event: 'menu.action', payload: { action: 'edit.undo' } });
    sock.fire('message', { type: 'event', event: 'menu.action', payload: { action: 'format-disk' } });
    off();
    sock.fire('message', { type: 'event', event: 'menu.action', payload: { action: 'edit.redo' } });
    expect(got).toEqual(['edit.undo']);
    const p = api.invoke('training.start', { project: undefined as never });
    sock.fire('message', { type: 'response', id: sock.sent[0]!.id, envelope: { ok: true, value: { job: 1 } } });
    await expect(p).rejects.toThrow(/bad response on 'training.start': jobId/);
  });

  it('fails pending calls when the connection closes', async () => {
    const sock = new Loop();
    const api = apiFromBridge(createWsBridge(sock), 'browser');
    const p = api.invoke('datasets.list', {});
    sock.fire('close');
    await expect(p).rejects.toMatchObject({ code: 'unavailable' });
    await expect(api.invoke('datasets.list', {})).rejects.toBeInstanceOf(ApiError);
  });

  it('wraps the Electron preload bridge the same way', async () => {
    const bridge: PreloadBridge = {
      invoke: async (channel): Promise<Envelope<unknown>> => (channel === 'training.stop' ? { ok: true, value: { stopped: false } } : { ok: false, error: { code: 'failed', message: 'x' } }),
      on: () => () => {},
    };
    const api = apiFromBridge(bridge, 'electron');
    expect(api.mode).toBe('electron');
    await expect(api.invoke('training.stop', { jobId: 'j' })).resolves.toEqual({ stopped: false });
  });

  it('builds the socket URL from the page address and its token', () => {
    expect(wsUrlFromLocation({ protocol: 'http:', host: '127.0.0.1:5000', search: '?token=a%2Bb' })).toBe('ws://127.0.0.1:5000/api?token=a%2Bb');
    expect(() => wsUrlFromLocation({ protocol: 'http:', host: 'x', search: '' })).toThrow(/token/);
  });

  it('adds the tab session id to the socket URL', () => {
    const id = '3f2b8c1e-7a4d-4e5f-9a6b-0c1d2e3f4a5b';
    expect(wsUrlFromLocation({ protocol: 'http:', host: '127.0.0.1:5000', search: '?token=t' }, id)).toBe(`ws://127.0.0.1:5000/api?token=t&session=${id}`);
  });

  it('keeps one random session id per tab in sessionStorage', () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    const first = tabSessionId(storage);
    expect(isSessionId(first)).toBe(true);
    expect(store.get(SESSION_KEY)).toBe(first);
    // A reload reads the same id back; another tab (another storage) makes its own.
    expect(tabSessionId(storage)).toBe(first);
    expect(tabSessionId({ getItem: () => null, setItem: () => {} })).not.toBe(first);
    // Anything stored that is not a UUID is replaced, not sent.
    store.set(SESSION_KEY, '../../x');
    const fresh = tabSessionId(storage);
    expect(isSessionId(fresh)).toBe(true);
    expect(store.get(SESSION_KEY)).toBe(fresh);
    // Storage that throws still gives an id.
    const refusing = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('denied'); } };
    expect(isSessionId(tabSessionId(refusing))).toBe(true);
  });

  it('gives a duplicated tab (a copy of sessionStorage) a fresh id while the original holds a lease on its own', () => {
    const mapStorage = () => {
      const m = new Map<string, string>();
      const s = Object.assign(m, {
        getItem: (k: string) => m.get(k) ?? null,
        setItem: (k: string, v: string) => void m.set(k, v),
        removeItem: (k: string) => void m.delete(k),
        key: (i: number) => [...m.keys()][i] ?? null,
      });
      return Object.defineProperty(s, 'length', { get: () => m.size }) as typeof s & { length: number };
    };
    const local = mapStorage();
    const original = mapStorage();
    const t0 = 1_000_000;
    const id = tabSessionId(original, newSessionId, local, t0);
    const events = new Map<string, (e: unknown) => void>();
    const win = { addEventListener: (type: string, f: (e: unknown) => void) => void events.set(type, f) };
    const stale = LEASE_PREFIX + newSessionId();
    local.setItem(stale, String(t0 - LEASE_MS - 1));
    holdSessionLease(id, local as unknown as Storage, win as never, () => t0);
    expect(local.get(LEASE_PREFIX + id)).toBe(String(t0));
    expect(local.has(stale)).toBe(false); // a dead tab's lease is dropped

    // The duplicate starts with a copy of the original's sessionStorage.
    const copy = mapStorage();
    copy.setItem(SESSION_KEY, id);
    const dupId = tabSessionId(copy, newSessionId, local, t0 + 5_000);
    expect(isSessionId(dupId)).toBe(true);
    expect(dupId).not.toBe(id);
    expect(copy.get(SESSION_KEY)).toBe(dupId);
    // A lease not renewed for LEASE_MS is a dead tab's: its id may be taken up again.
    expect(tabSessionId(original, newSessionId, local, t0 + LEASE_MS)).toBe(id);

    // A reload: pagehide releases the lease, so the reloaded page keeps its id.
    events.get('pagehide')!({});
    expect(local.has(LEASE_PREFIX + id)).toBe(false);
    expect(tabSessionId(original, newSessionId, local, t0 + 6_000)).toBe(id);
  });

  it('makes v4 UUIDs with or without crypto.randomUUID', () => {
    expect(isSessionId(newSessionId())).toBe(true);
    const bytesOnly = { getRandomValues: <T extends ArrayBufferView | null>(a: T) => crypto.getRandomValues(a as Uint8Array) as unknown as T };
    const ids = new Set(Array.from({ length: 50 }, () => newSessionId(bytesOnly)));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(isSessionId(id)).toBe(true);
    expect(isSessionId('3F2B8C1E-7A4D-4E5F-9A6B-0C1D2E3F4A5B')).toBe(false);
    expect(isSessionId('3f2b8c1e-7a4d-1e5f-9a6b-0c1d2e3f4a5b')).toBe(false);
  });

  it('says so when a newer connection took the session', async () => {
    const sock = new Loop();
    const api = apiFromBridge(createWsBridge(sock), 'browser');
    const p = api.invoke('datasets.list', {});
    sock.fire('close', undefined, 4001);
    await expect(p).rejects.toThrow(/another connection/);
  });
});
