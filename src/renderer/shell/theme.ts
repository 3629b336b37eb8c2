import type { ThemeConfig } from 'antd';

/** A calm office look; the font list puts CJK faces early so that Chinese never falls back to a bitmap font. */
export const FONT_FAMILY = [
  '-apple-system',
  'BlinkMacSystemFont',
  '"Segoe UI"',
  '"Noto Sans CJK SC"',
  '"Microsoft YaHei"',
  '"PingFang SC"',
  '"Helvetica Neue"',
  'Arial',
  'sans-serif',
].join(', ');

export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1f5fa8',
    borderRadius: 6,
    fontFamily: FONT_FAMILY,
    fontSize: 14,
    colorBgLayout: '#f3f5f8',
  },
  components: {
    Layout: { headerBg: '#ffffff', siderBg: '#102a43', headerHeight: 56, headerPadding: '0 24px' },
    Menu: {
      darkItemBg: '#102a43',
      darkItemSelectedBg: '#1f5fa8',
      darkItemColor: 'rgba(255,255,255,0.78)',
    },
  },
};
