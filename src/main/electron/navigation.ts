import type { WebContents } from 'electron';

/**
 * A window shows our renderer and nothing else. New windows are always denied; a link to the web
 * opens in the user's browser instead (only http and https: a `file:`, `smb:` or custom-protocol
 * URL could launch a program). Navigation away from our own URL is cancelled the same way.
 */

export function isSafeExternalUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

export function guardNavigation(
  contents: WebContents,
  isOwnUrl: (url: string) => boolean,
  openExternal: (url: string) => void,
): void {
  const sendAway = (url: string) => {
    if (isSafeExternalUrl(url)) openExternal(url);
  };

  contents.setWindowOpenHandler(({ url }) => {
    sendAway(url);
    return { action: 'deny' };
  });

  contents.on('will-navigate', (event) => {
    if (isOwnUrl(event.url)) return;
    event.preventDefault();
    sendAway(event.url);
  });

  // A redirect could carry an allowed navigation somewhere else.
  contents.on('will-redirect', (event) => {
    if (!isOwnUrl(event.url)) event.preventDefault();
  });

  // webviewTag is off, but refuse explicitly should anything turn it on.
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
