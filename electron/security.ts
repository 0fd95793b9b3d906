// Security policy shared by the Electron window and the browser-mode host, as pure data so
// it can be tested without an Electron runtime.

/** The renderer's CSP: its own scripts only, no eval, no plugins, no framing. Inline styles
 *  stay allowed because React Flow positions nodes with style attributes. */
export function contentSecurityPolicy(connect: string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self' ${connect.join(' ')}`.trim(),
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Headers on every browser-mode response, whatever its status: no MIME sniffing (a 404's
 *  text stays text), no Referer carrying the token in the page URL to anywhere, and a
 *  browsing context and resources that other origins cannot share or embed. */
export function securityHeaders(csp: string): Record<string, string> {
  return {
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'x-frame-options': 'DENY',
  };
}

/** The Host header values a local host on `port` answers to (a defence against DNS
 *  rebinding, beside the Origin check): 127.0.0.1 or localhost with that port, nothing else. */
export function isAllowedHost(host: string | undefined, port: number): boolean {
  if (host === undefined) return false;
  const h = host.toLowerCase();
  return h === `127.0.0.1:${port}` || h === `localhost:${port}`;
}

/** Same app: same scheme and host (URL.origin is "null" for custom schemes such as app://,
 *  so it cannot be compared); for file:// the very same file. */
function sameApp(target: string, appUrl: string): boolean {
  let t: URL;
  let a: URL;
  try {
    t = new URL(target);
    a = new URL(appUrl);
  } catch {
    return false;
  }
  if (t.protocol !== a.protocol) return false;
  if (a.protocol === 'file:') return t.pathname === a.pathname;
  return t.host === a.host && t.username === '' && t.password === '';
}

/** Whether an IPC message comes from the app's own top frame (not an iframe, not a page
 *  it navigated to). `appUrl` is where the renderer was loaded from. */
export function isTrustedSender(frame: { url: string; isMainFrame: boolean } | null | undefined, appUrl: string): boolean {
  return !!frame && frame.isMainFrame && sameApp(frame.url, appUrl);
}

/** Navigation inside the window is only ever a reload of the app itself. */
export function isAllowedNavigation(target: string, appUrl: string): boolean {
  return sameApp(target, appUrl);
}

/** The web permissions the renderer uses, and why. Copy writes the selection to the system
 *  clipboard as text (navigator.clipboard.writeText, renderer/app/useCommands.ts), so other
 *  windows can paste it; paste reads LayerLab's own copy, never the system clipboard. Nothing
 *  else is asked for: camera, microphone, screen capture, location, notifications, MIDI,
 *  HID/serial/USB/Bluetooth, fullscreen, pointer lock, clipboard reads, opening external
 *  links, file-system access, and any permission Chromium adds later are refused. */
export const GRANTED_PERMISSIONS: readonly string[] = ['clipboard-sanitized-write'];

/** One permission request or check as Electron reports it: the permission's name, the URL of
 *  the frame asking (for checks, the requesting origin when no URL is given) and whether
 *  that frame is the window's top frame. */
export interface PermissionAsk {
  permission: string;
  requestingUrl: string | undefined;
  isMainFrame: boolean;
}

/** Whether to grant a permission: only a permission the app uses, only to the app's own top
 *  frame (never an iframe, never a page it was navigated to). */
export function isPermissionGranted(ask: PermissionAsk, appUrl: string): boolean {
  return GRANTED_PERMISSIONS.includes(ask.permission) && ask.isMainFrame && ask.requestingUrl !== undefined && sameApp(ask.requestingUrl, appUrl);
}

/** Whether a page may use a HID, serial or USB device it was granted before: never; the app
 *  uses none, so it grants none. */
export function isDevicePermissionGranted(): boolean {
  return false;
}
