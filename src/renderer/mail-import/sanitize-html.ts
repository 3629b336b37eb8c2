import DOMPurify from 'dompurify';

/**
 * An e-mail's HTML body made safe to look at. Three walls, each enough on its own for scripts:
 * DOMPurify removes scripts, handlers, `javascript:` links, frames, forms and SVG; the frame that
 * shows the result is sandboxed with no permissions (no scripts, an opaque origin); and the frame's
 * document carries a CSP that loads nothing but inline styles and data: images. Remote content —
 * tracking pixels, backgrounds, stylesheets, fonts — is removed before it could be fetched, so the
 * sender never learns the message was opened; links are shown but lead nowhere.
 */

/** The frame document's own policy: nothing from anywhere, except inline styles and embedded images. */
export const MAIL_FRAME_CSP = "default-src 'none'; img-src data: cid:; style-src 'unsafe-inline'; font-src data:";

/** Only images carried inside the message itself may show. */
const EMBEDDED_IMAGE = /^\s*(data:image\/|cid:)/i;
const CSS_URL = /url\(\s*(['"]?)([^'")]*)\1\s*\)/gi;

/** Stylesheet text with every url() that is not an embedded image, and every @import, taken out. */
export function cleanCss(css: string): { css: string; blocked: number } {
  let blocked = 0;
  const out = css
    .replace(/@import[^;]*;?/gi, () => {
      blocked++;
      return '';
    })
    .replace(CSS_URL, (whole: string, _q: string, url: string) => {
      if (/^\s*data:image\//i.test(url)) return whole;
      blocked++;
      return 'none';
    });
  return { css: out, blocked };
}

export interface SanitisedMail {
  /** The whole document for the frame's `srcdoc`. */
  srcdoc: string;
  /** Remote images, backgrounds and stylesheets that were not loaded. */
  blocked: number;
}

const FRAME_STYLE =
  'html,body{margin:0}body{padding:12px;font:14px/1.6 -apple-system,"PingFang SC","Microsoft YaHei","Segoe UI",sans-serif;color:#1f1f1f;overflow-wrap:anywhere}' +
  'img{max-width:100%;height:auto}img:not([src]){display:inline-block;min-width:16px;min-height:16px;outline:1px dashed #d9d9d9}a{color:#1677ff}';

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

const HANDLER = /([\s/"'])on[a-z][a-z0-9_-]*\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']+)/gi;

/**
 * Inline event handlers taken out of the tags before the HTML is parsed at all. Not for safety
 * (DOMPurify removes them, and the page's CSP would block them): Chromium reports a CSP violation
 * for every handler attribute merely parsed in a document of this page, even an inert one.
 */
export function dropHandlers(html: string): string {
  return html.replace(/<[a-z][^>]*>/gi, (tag) => tag.replace(HANDLER, '$1'));
}

export function sanitiseMailHtml(html: string): SanitisedMail {
  // An instance of its own, so these hooks never apply to anything else on the page.
  const purifier = DOMPurify(window);
  let blocked = 0;
  purifier.addHook('uponSanitizeElement', (node) => {
    if (node.nodeName === 'STYLE' && node.textContent) {
      const r = cleanCss(node.textContent);
      blocked += r.blocked;
      node.textContent = r.css;
    }
  });
  purifier.addHook('afterSanitizeAttributes', (node) => {
    if (!(node instanceof Element)) return;
    const src = node.getAttribute('src');
    if (src !== null && !EMBEDDED_IMAGE.test(src)) {
      node.removeAttribute('src');
      blocked++;
    }
    const style = node.getAttribute('style');
    if (style) {
      const r = cleanCss(style);
      blocked += r.blocked;
      node.setAttribute('style', r.css);
    }
    // A link shows where it points (on hover) but cannot be followed from the frame.
    const href = node.getAttribute('href');
    if (href !== null) {
      node.removeAttribute('href');
      if (!node.getAttribute('title')) node.setAttribute('title', href);
    }
    node.removeAttribute('target');
  });
  const root: Element = purifier.sanitize(dropHandlers(html), {
    WHOLE_DOCUMENT: true,
    RETURN_DOM: true,
    USE_PROFILES: { html: true },
    FORBID_TAGS: ['form', 'input', 'button', 'select', 'textarea', 'iframe', 'frame', 'frameset', 'object', 'embed', 'link', 'meta', 'base', 'audio', 'video', 'source', 'track', 'picture'],
    FORBID_ATTR: ['srcset', 'background', 'poster', 'action', 'formaction', 'ping', 'longdesc', 'dynsrc', 'lowsrc'],
    ALLOW_DATA_ATTR: false,
  }) as Element;
  const styles = Array.from(root.querySelectorAll('head style'))
    .map((s) => s.outerHTML)
    .join('');
  const body = root.querySelector('body')?.innerHTML ?? '';
  const srcdoc =
    `<!doctype html><html><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(MAIL_FRAME_CSP)}">` +
    `<style>${FRAME_STYLE}</style>${styles}</head><body>${body}</body></html>`;
  return { srcdoc, blocked };
}

/** A plain-text body in the same frame, for a message without HTML. */
export function plainTextSrcdoc(text: string): string {
  return (
    `<!doctype html><html><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(MAIL_FRAME_CSP)}">` +
    `<style>${FRAME_STYLE}pre{margin:0;white-space:pre-wrap;font:inherit}</style></head><body><pre>${escapeHtml(text)}</pre></body></html>`
  );
}
