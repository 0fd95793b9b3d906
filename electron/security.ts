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
