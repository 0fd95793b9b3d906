import { describe, expect, it } from 'vitest';
import { APP_URL } from './ipc-names.js';
import { contentSecurityPolicy, isAllowedNavigation, isTrustedSender } from './security.js';

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
});
