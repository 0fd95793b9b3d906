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

/** Whether an IPC message comes from the app's own top frame (not an iframe, not a page
 *  it navigated to). `appUrl` is where the renderer was loaded from. */
export function isTrustedSender(frame: { url: string; isMainFrame: boolean } | null | undefined, appUrl: string): boolean {
  if (!frame || !frame.isMainFrame) return false;
  let got: URL;
  let want: URL;
  try {
    got = new URL(frame.url);
    want = new URL(appUrl);
  } catch {
    return false;
  }
  if (want.protocol === 'file:') return got.protocol === 'file:' && got.pathname === want.pathname;
  return got.origin === want.origin;
}

/** Navigation inside the window is only ever a reload of the app itself. */
export function isAllowedNavigation(target: string, appUrl: string): boolean {
  try {
    const t = new URL(target);
    const a = new URL(appUrl);
    return a.protocol === 'file:' ? t.protocol === 'file:' && t.pathname === a.pathname : t.origin === a.origin;
  } catch {
    return false;
  }
}
