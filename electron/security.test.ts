import { describe, expect, it } from 'vitest';
import { APP_URL } from './ipc-names.js';
import { contentSecurityPolicy, GRANTED_PERMISSIONS, isAllowedHost, isAllowedNavigation, isDevicePermissionGranted, isPermissionGranted, isTrustedSender, securityHeaders } from './security.js';

describe('security policy', () => {
  it('allows only the app itself to call the API', () => {
    expect(isTrustedSender({ url: 'app://layerlab/index.html', isMainFrame: true }, APP_URL)).toBe(true);
    expect(isTrustedSender({ url: 'app://layerlab/index.html#/x', isMainFrame: true }, APP_URL)).toBe(true);
    // An iframe, another host on the scheme, another scheme, a web page, garbage, no frame.
    expect(isTrustedSender({ url: 'app://layerlab/index.html', isMainFrame: false }, APP_URL)).toBe(false);
    expect(isTrustedSender({ url: 'app://evil/index.html', isMainFrame: true }, APP_URL)).toBe(false);
    expect(isTrustedSender({ url: 'other://layerlab/index.html', isMainFrame: true }, APP_URL)).toBe(false);
    expect(isTrustedSender({ url: 'https://example.com/', isMainFrame: true }, APP_URL)).toBe(false);
    expect(isTrustedSender({ url: 'not a url', isMainFrame: true }, APP_URL)).toBe(false);
    expect(isTrustedSender(null, APP_URL)).toBe(false);
  });

  it('blocks navigation away from the app', () => {
    expect(isAllowedNavigation('app://layerlab/index.html', APP_URL)).toBe(true);
    expect(isAllowedNavigation('https://example.com/', APP_URL)).toBe(false);
    expect(isAllowedNavigation('file:///etc/passwd', APP_URL)).toBe(false);
    expect(isAllowedNavigation('file:///app/index.html', 'file:///app/index.html')).toBe(true);
    expect(isAllowedNavigation('file:///app/other.html', 'file:///app/index.html')).toBe(false);
  });

  it('has a strict content security policy', () => {
    const csp = contentSecurityPolicy(['ws://127.0.0.1:5000']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-(eval|inline)/);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("connect-src 'self' ws://127.0.0.1:5000");
  });

  it('grants the app only the clipboard write its copy uses, and only to its own top frame', () => {
    const app = (permission: string, over: Partial<{ requestingUrl: string | undefined; isMainFrame: boolean }> = {}) =>
      isPermissionGranted({ permission, requestingUrl: 'app://layerlab/index.html', isMainFrame: true, ...over }, APP_URL);
    expect(GRANTED_PERMISSIONS).toEqual(['clipboard-sanitized-write']);
    expect(app('clipboard-sanitized-write')).toBe(true);
    // A permission check names the requesting origin rather than a URL.
    expect(app('clipboard-sanitized-write', { requestingUrl: 'app://layerlab' })).toBe(true);
    // The same permission for an iframe, another origin, a file:// page, or no origin at all.
    expect(app('clipboard-sanitized-write', { isMainFrame: false })).toBe(false);
    expect(app('clipboard-sanitized-write', { requestingUrl: 'https://example.com/' })).toBe(false);
    expect(app('clipboard-sanitized-write', { requestingUrl: 'app://evil/index.html' })).toBe(false);
    expect(app('clipboard-sanitized-write', { requestingUrl: 'file:///app/index.html' })).toBe(false);
    expect(app('clipboard-sanitized-write', { requestingUrl: 'null' })).toBe(false);
    expect(app('clipboard-sanitized-write', { requestingUrl: undefined })).toBe(false);
    // Everything else is refused even to the app itself, including names Electron does not know yet.
    for (const p of ['clipboard-read', 'media', 'display-capture', 'geolocation', 'notifications', 'midiSysex', 'hid', 'serial', 'usb', 'fullscreen', 'pointerLock', 'openExternal', 'fileSystem', 'unknown', 'some-future-permission']) {
      expect(app(p), p).toBe(false);
    }
    expect(isDevicePermissionGranted()).toBe(false);
  });

  it('sends headers that stop sniffing, referrers and cross-origin use', () => {
    const h = securityHeaders("default-src 'self'");
    expect(h).toMatchObject({
      'content-security-policy': "default-src 'self'",
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
    });
  });

  it('answers only to its own loopback Host header (no DNS rebinding)', () => {
    expect(isAllowedHost('127.0.0.1:5000', 5000)).toBe(true);
    expect(isAllowedHost('localhost:5000', 5000)).toBe(true);
    expect(isAllowedHost('LOCALHOST:5000', 5000)).toBe(true);
    for (const bad of ['127.0.0.1:5001', '127.0.0.1', 'localhost', 'evil.example:5000', 'attacker.example', '127.0.0.1:5000.evil.example', '[::1]:5000', '', undefined])
      expect(isAllowedHost(bad, 5000)).toBe(false);
  });
});
