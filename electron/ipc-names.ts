// The two raw IPC channels under the contract: one for calls, one for events.
export const INVOKE_CHANNEL = 'layerlab:invoke';
export const EVENT_CHANNEL = 'layerlab:event';
/** The renderer is served from this origin through a privileged scheme, so it gets real headers (CSP). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'layerlab';
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;
