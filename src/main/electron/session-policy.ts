import type { Session } from 'electron';

/**
 * What the renderer's session may do: a Content Security Policy on every response of the packaged
 * app, and no browser permissions beyond writing to the clipboard (copying a tracking number).
 * The dev server gets no CSP: Vite's hot reload injects inline scripts and a WebSocket.
 */

export const PRODUCTION_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  // Ant Design and ag-grid inject their styles at run time as <style> elements.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

export function installSessionPolicy(session: Session, opts: { csp: boolean }): void {
  if (opts.csp) {
    session.webRequest.onHeadersReceived((details, callback) => {
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [PRODUCTION_CSP] } });
    });
  }
  session.setPermissionRequestHandler((_contents, permission, callback) => callback(ALLOWED_PERMISSIONS.has(permission)));
  session.setPermissionCheckHandler((_contents, permission) => ALLOWED_PERMISSIONS.has(permission));
}
