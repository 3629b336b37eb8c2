/**
 * The few words of the application menu, in the two languages the office works in. The screens
 * translate through the renderer's i18n catalogues; the menu is built in main before any page
 * exists, so it carries its own small table, chosen by the OS locale.
 */

export interface MenuLabels {
  file: string;
  edit: string;
  view: string;
  window: string;
  about: string;
  hide: string;
  hideOthers: string;
  showAll: string;
  quit: string;
  close: string;
  undo: string;
  redo: string;
  cut: string;
  copy: string;
  paste: string;
  selectAll: string;
  reload: string;
  devTools: string;
  actualSize: string;
  zoomIn: string;
  zoomOut: string;
  fullScreen: string;
  minimize: string;
  zoom: string;
  front: string;
}

const en: MenuLabels = {
  file: 'File',
  edit: 'Edit',
  view: 'View',
  window: 'Window',
  about: 'About After-Sales Desk',
  hide: 'Hide After-Sales Desk',
  hideOthers: 'Hide Others',
  showAll: 'Show All',
  quit: 'Quit',
  close: 'Close Window',
  undo: 'Undo',
  redo: 'Redo',
  cut: 'Cut',
  copy: 'Copy',
  paste: 'Paste',
  selectAll: 'Select All',
  reload: 'Reload',
  devTools: 'Developer Tools',
  actualSize: 'Actual Size',
  zoomIn: 'Zoom In',
  zoomOut: 'Zoom Out',
  fullScreen: 'Full Screen',
  minimize: 'Minimize',
  zoom: 'Zoom',
  front: 'Bring All to Front',
};

const zh: MenuLabels = {
  file: '文件',
  edit: '编辑',
  view: '视图',
  window: '窗口',
  about: '关于售后服务台',
  hide: '隐藏售后服务台',
  hideOthers: '隐藏其他',
  showAll: '全部显示',
  quit: '退出',
  close: '关闭窗口',
  undo: '撤销',
  redo: '重做',
  cut: '剪切',
  copy: '复制',
  paste: '粘贴',
  selectAll: '全选',
  reload: '重新加载',
  devTools: '开发者工具',
  actualSize: '实际大小',
  zoomIn: '放大',
  zoomOut: '缩小',
  fullScreen: '全屏',
  minimize: '最小化',
  zoom: '缩放',
  front: '全部置于顶层',
};

/** `app.getLocale()` gives e.g. `zh-CN`, `zh-TW`, `en-US`; every Chinese locale gets Chinese. */
export function menuLabels(locale: string): MenuLabels {
  return locale.toLowerCase().startsWith('zh') ? zh : en;
}
