import { describe, expect, it } from 'vitest';
import type { Envelope, PreloadBridge } from '../../electron/contract.js';
import { apiFromBridge, ApiError, wsUrlFromLocation } from './client.js';
import { createWsBridge, type SocketLike } from './ws-bridge.js';

/** An in-memory socket: records what is sent, lets the test play the host. */
class Loop implements SocketLike {
  readyState = 0;
  sent: { id: number; channel: string; request: unknown }[] = [];
  private l: Record<string, ((ev: { data: unknown }) => void)[]> = {};
  addEventListener(type: string, f: (ev: { data: unknown }) => void) {
    (this.l[type] ??= []).push(f);
  }
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.fire('close');
  }
  fire(type: string, data?: unknown) {
    if (type === 'open') this.readyState = 1;
    for (const f of this.l[type] ?? []) f({ data: JSON.stringify(data ?? null) });
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
});
