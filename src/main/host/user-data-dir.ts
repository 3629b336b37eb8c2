import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where Electron's `app.getPath('userData')` puts the app's data on each system, so that the host
 * and the desktop app open the same database by default.
 */
export function defaultUserDataDir(appName = 'After-Sales Desk', platform = process.platform, env = process.env): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), appName);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', appName);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), appName);
}
