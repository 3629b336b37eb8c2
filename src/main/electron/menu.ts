import { Menu, type MenuItemConstructorOptions } from 'electron';
import { menuLabels } from './menu-labels';

/**
 * A minimal application menu. It matters mostly on macOS, where copy and paste shortcuts only
 * work when an Edit menu carries those roles. Reload and DevTools are for development only:
 * a reload would drop a half-typed complaint.
 */

export interface MenuOptions {
  locale: string;
  isMac: boolean;
  isDev: boolean;
}

export function menuTemplate(opts: MenuOptions): MenuItemConstructorOptions[] {
  const t = menuLabels(opts.locale);
  const sep: MenuItemConstructorOptions = { type: 'separator' };
  const appMenu: MenuItemConstructorOptions[] = opts.isMac
    ? [
        {
          role: 'appMenu',
          submenu: [
            { role: 'about', label: t.about },
            sep,
            { role: 'hide', label: t.hide },
            { role: 'hideOthers', label: t.hideOthers },
            { role: 'unhide', label: t.showAll },
            sep,
            { role: 'quit', label: t.quit },
          ],
        },
      ]
    : [];
  const file: MenuItemConstructorOptions = {
    label: t.file,
    submenu: opts.isMac ? [{ role: 'close', label: t.close }] : [{ role: 'quit', label: t.quit }],
  };
  const edit: MenuItemConstructorOptions = {
    label: t.edit,
    submenu: [
      { role: 'undo', label: t.undo },
      { role: 'redo', label: t.redo },
      sep,
      { role: 'cut', label: t.cut },
      { role: 'copy', label: t.copy },
      { role: 'paste', label: t.paste },
      { role: 'selectAll', label: t.selectAll },
    ],
  };
  const devItems: MenuItemConstructorOptions[] = opts.isDev
    ? [{ role: 'reload', label: t.reload }, { role: 'toggleDevTools', label: t.devTools }, sep]
    : [];
  const view: MenuItemConstructorOptions = {
    label: t.view,
    submenu: [
      ...devItems,
      { role: 'resetZoom', label: t.actualSize },
      { role: 'zoomIn', label: t.zoomIn },
      { role: 'zoomOut', label: t.zoomOut },
      sep,
      { role: 'togglefullscreen', label: t.fullScreen },
    ],
  };
  const windowMenu: MenuItemConstructorOptions = {
    label: t.window,
    submenu: opts.isMac
      ? [{ role: 'minimize', label: t.minimize }, { role: 'zoom', label: t.zoom }, sep, { role: 'front', label: t.front }]
      : [{ role: 'minimize', label: t.minimize }, { role: 'close', label: t.close }],
  };
  return [...appMenu, file, edit, view, windowMenu];
}

export function installMenu(opts: MenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(opts)));
}
