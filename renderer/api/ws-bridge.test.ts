// The browser bridge validates what the host sends before anything reads it: a response that
// breaks the protocol fails its call in words, anything else malformed is dropped.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TAKEN_OVER } from '../../electron/contract.js';
import { apiFromBridge } from './client.js';
import { createWsBridge, type SocketLike } from './ws-bridge.js';

/** An in-memory socket, open from the start: the test plays the host. */
class Loop implements SocketLike {
  readyState = 1;
  sent: { id: number; channel: string }[] = [];
  private l: Record<string, ((ev: { data: unknown; code?: number }) => void)[]> = {};
  addEventListener(type: string, f: (ev: { data: unknown; code?: number }) => void) {
    (this.l[type] ??= []).push(f);
  }
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {}
  raw(data: string) {
    for (const f of this.l.message ?? []) f({ data });
  }
  message(m: unknown) {
    this.raw(JSON.stringify(m));
  }
  closeWith(code: number) {
    for (const f of this.l.close ?? []) f({ data: null, code });
  }
}

afterEach(() => vi.restoreAllMocks());

describe('ws bridge: messages from the host', () => {
  it('fails a call whose response breaks the protocol, naming the field', async () => {
    const sock = new Loop();
    const api = apiFromBridge(createWsBridge(sock), 'browser');
    const p = api.invoke('datasets.list', {});
    sock.message({ type: 'response', id: sock.sent[0]!.id, envelope: { ok: false, error: { code: 'exploded', message: 'x' } } });
    await expect(p).rejects.toMatchObject({ name: 'ApiError', code: 'invalid', message: expect.stringMatching(/^bad message from the LayerLab host: envelope\.error\.code: /) });
    // The bridge goes on: the next good response settles its call.
    const q = api.invoke('training.stop', { jobId: 'j' });
    sock.message({ type: 'response', id: sock.sent[1]!.id, envelope: { ok: true, value: { stopped: false } } });
    await expect(q).resolves.toEqual({ stopped: false });
  });

  it('drops an event of no known name and one without a name, and says so on the console', () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const sock = new Loop();
    const api = apiFromBridge(createWsBridge(sock), 'browser');
    const got: unknown[] = [];
    api.on('menu.action', (p) => got.push(p.action));
    sock.message({ type: 'event', event: 'menu.explode', payload: { action: 'edit.undo' } });
    sock.message({ type: 'event', payload: { action: 'edit.undo' } });
    sock.message({ type: 'gossip', id: 1 });
    sock.raw('not json');
    sock.message({ type: 'event', event: 'menu.action', payload: { action: 'edit.redo' } });
    expect(got).toEqual(['edit.redo']);
    expect(errors.mock.calls.map((c) => String(c[0]))).toEqual([
      expect.stringMatching(/^bad message from the LayerLab host: event: /),
      expect.stringMatching(/^bad message from the LayerLab host: event: /),
      expect.stringMatching(/^bad message from the LayerLab host: type: /),
    ]);
  });

  it('a response for a call it never made settles nothing', async () => {
    const sock = new Loop();
    const api = apiFromBridge(createWsBridge(sock), 'browser');
    const p = api.invoke('datasets.list', {});
    sock.message({ type: 'response', id: 999, envelope: { ok: true, value: { datasets: [] } } });
    sock.message({ type: 'response', id: sock.sent[0]!.id, envelope: { ok: true, value: { datasets: [] } } });
    await expect(p).resolves.toEqual({ datasets: [] });
  });

  it('reads the take-over close code from the contract', async () => {
    const sock = new Loop();
    const api = apiFromBridge(createWsBridge(sock), 'browser');
    const p = api.invoke('datasets.list', {});
    sock.closeWith(TAKEN_OVER);
    await expect(p).rejects.toThrow(/this session is open in another connection now/);
  });
});
