// The renderer's one way to reach the back end. In Electron the preload exposes a bridge as
// `window.layerlab`; in browser mode a WebSocket to the local host does the same job. Either
// way every response and event is validated against the contract before the UI sees it.
import {
  ApiError,
  isEventName,
  isSessionId,
  parseEvent,
  parseResponse,
  type LayerLabApi,
  type PreloadBridge,
} from '../../electron/contract.js';
import { createWsBridge } from './ws-bridge.js';

export type { LayerLabApi } from '../../electron/contract.js';
export { ApiError } from '../../electron/contract.js';

/** Wraps a raw bridge with the contract's validation and typed errors. */
export function apiFromBridge(bridge: PreloadBridge, mode: LayerLabApi['mode']): LayerLabApi {
  return {
    mode,
    async invoke(channel, request) {
      const env = await bridge.invoke(channel, request);
      if (!env.ok) throw new ApiError(env.error.code, env.error.message);
      return parseResponse(channel, env.value);
    },
    on(event, listener) {
      if (!isEventName(event)) throw new ApiError('unknown-channel', `unknown event '${String(event)}'`);
      return bridge.on(event, (payload) => {
        let value;
        try {
          value = parseEvent(event, payload);
        } catch (e) {
          // A malformed event is a host bug; dropping it keeps the UI consistent.
          console.error((e as Error).message);
          return;
        }
        listener(value);
      });
    },
  };
}

/** The WebSocket address of the host that served this page, with the page's token and the tab's session id. */
export function wsUrlFromLocation(loc: { protocol: string; host: string; search: string }, sessionId?: string): string {
  const token = new URLSearchParams(loc.search).get('token');
  if (!token) throw new ApiError('unavailable', 'this page was opened without its access token; use the URL `npm run web` printed');
  const scheme = loc.protocol === 'https:' ? 'wss:' : 'ws:';
  const session = sessionId ? `&session=${encodeURIComponent(sessionId)}` : '';
  return `${scheme}//${loc.host}/api?token=${encodeURIComponent(token)}${session}`;
}

export const SESSION_KEY = 'layerlab.session';

/** A random v4 UUID; `crypto.randomUUID` where the page may use it, the same from `getRandomValues` otherwise. */
export function newSessionId(c: Pick<Crypto, 'getRandomValues'> & { randomUUID?: () => string } = crypto): string {
  if (typeof c.randomUUID === 'function') return c.randomUUID();
  const b = c.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** localStorage key prefix of the lease a live tab keeps on its session id (holdSessionLease). */
export const LEASE_PREFIX = 'layerlab.sessionLease.';
/** A live tab renews its lease this often. Browsers slow the timers of hidden tabs to about
 *  once a minute, so a lease counts as held for LEASE_MS after its last renewal. */
const LEASE_RENEW_MS = 20_000;
export const LEASE_MS = 90_000;

/** Whether another live tab holds a lease on `id`. */
function leaseHeld(leases: Pick<Storage, 'getItem'> | null, id: string, now: number): boolean {
  try {
    const t = Number(leases?.getItem(LEASE_PREFIX + id));
    return t > 0 && now - t < LEASE_MS;
  } catch {
    return false;
  }
}

/**
 * This tab's session id: kept in sessionStorage, which outlives a reload but belongs to one
 * tab, so a reloaded page rejoins its session on the host and a second tab gets its own.
 * A copied sessionStorage (Chrome's "Duplicate tab") is told apart by the lease the original,
 * still open, holds in the shared localStorage: the copy takes a fresh id instead of taking
 * the original's session over. (A reload releases its lease on pagehide first.)
 * Where storage is unavailable, a fresh id each time (a reload then starts afresh).
 */
export function tabSessionId(
  storage: Pick<Storage, 'getItem' | 'setItem'> | null,
  make: () => string = newSessionId,
  leases: Pick<Storage, 'getItem'> | null = null,
  now = Date.now(),
): string {
  try {
    const kept = storage?.getItem(SESSION_KEY);
    if (isSessionId(kept) && !leaseHeld(leases, kept, now)) return kept;
  } catch {
    // Storage refused (privacy settings): fall through to a fresh id.
  }
  const id = make();
  try {
    storage?.setItem(SESSION_KEY, id);
  } catch {
    // As above: the id lives as long as the page.
  }
  return id;
}

function storageOrNull(kind: 'sessionStorage' | 'localStorage'): Storage | null {
  try {
    return window[kind];
  } catch {
    return null;
  }
}

/** Keeps this page's lease on `id` in `leases` while it lives, releases it on pagehide (a
 *  reload or a close) and renews it when the page comes back from the back/forward cache;
 *  drops the leases of tabs that died without releasing theirs. */
export function holdSessionLease(id: string, leases: Storage | null, win: Pick<Window, 'addEventListener'> = window, now: () => number = Date.now): void {
  if (!leases) return;
  const key = LEASE_PREFIX + id;
  const renew = () => {
    try {
      leases.setItem(key, String(now()));
    } catch {
      // A full or refused localStorage: a duplicate of this tab would then take its session over, as without leases.
    }
  };
  try {
    for (let i = leases.length - 1; i >= 0; i--) {
      const k = leases.key(i);
      if (k?.startsWith(LEASE_PREFIX) && k !== key && !leaseHeld(leases, k.slice(LEASE_PREFIX.length), now())) leases.removeItem(k);
    }
  } catch {
    // Best effort: stale leases only cost a few bytes.
  }
  renew();
  setInterval(renew, LEASE_RENEW_MS);
  win.addEventListener('pagehide', () => {
    try {
      leases.removeItem(key);
    } catch {
      // Then the lease expires by itself.
    }
  });
  win.addEventListener('pageshow', (e) => {
    if ((e as PageTransitionEvent).persisted) renew();
  });
}

declare global {
  interface Window {
    layerlab?: PreloadBridge;
  }
}

let api: LayerLabApi | undefined;

export function getApi(): LayerLabApi {
  if (api) return api;
  if (typeof window !== 'undefined' && window.layerlab) {
    api = apiFromBridge(window.layerlab, 'electron');
  } else {
    const leases = storageOrNull('localStorage');
    const id = tabSessionId(storageOrNull('sessionStorage'), newSessionId, leases);
    holdSessionLease(id, leases);
    const socket = new WebSocket(wsUrlFromLocation(window.location, id));
    api = apiFromBridge(createWsBridge(socket), 'browser');
  }
  return api;
}
