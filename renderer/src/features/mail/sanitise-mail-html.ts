/**
 * HTML mail is written by anyone who can send to the home, so it is hostile
 * until proven otherwise. DOMPurify keeps text, layout and tables; it removes
 * scripts, event handlers, forms, frames, SVG/MathML, styles and every
 * attribute that could load or run anything. Pictures from the internet are
 * removed (they are how senders track who opened a message) and counted, so
 * the reader can be told; pictures carried inside the message (data:) stay.
 * Links lose their address (a click in the frame does nothing) and the
 * address is written after the words, so nobody is tricked by the link text.
 * The frame it goes into is sandboxed and inherits the app's CSP as well.
 */
import DOMPurify from 'dompurify';

const ALLOWED_TAGS = [
  'a',
  'abbr',
  'b',
  'blockquote',
  'br',
  'caption',
  'code',
  'col',
  'colgroup',
  'dd',
  'div',
  'dl',
  'dt',
  'em',
  'font',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'i',
  'img',
  'li',
  'ol',
  'p',
  'pre',
  's',
  'small',
  'span',
  'strong',
  'sub',
  'sup',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'u',
  'ul',
];
const ALLOWED_ATTR = ['href', 'src', 'alt', 'title', 'colspan', 'rowspan', 'scope', 'headers'];
const WEB_LINK = /^(https?:|mailto:)/i;
const CARRIED_PICTURE = /^data:image\/(png|jpeg|gif|webp);base64,/i;
const FROM_THE_INTERNET = /^\s*(https?:)?\/\//i;

export interface SanitisedMail {
  readonly html: string;
  /** Pictures from the internet that were removed. */
  readonly remotePictures: number;
  /** Links whose address is shown as text. */
  readonly links: number;
}

/**
 * Renames event-handler and style attributes and <style> elements inside tags
 * before the HTML is parsed. Parsing in the app's page is inert, but Chromium
 * still reports each inline handler or style it meets as a CSP violation in
 * the app's console, where the app treats any such report as a defect. This is
 * only noise reduction: DOMPurify below removes the renamed parts, and is what
 * keeps the page safe whether or not this pass catches everything.
 */
function defuse(html: string): string {
  return html.replace(/<\/?[a-zA-Z][^>]*>/g, (tag) =>
    tag
      .replace(/^<(\/?)style\b/i, '<$1defused-style')
      .replace(/(\s|\/)(on[a-z]+|style)(\s*=)/gi, '$1data-defused-$2$3'),
  );
}

export function sanitiseMailHtml(html: string): SanitisedMail {
  let remotePictures = 0;
  let links = 0;
  // A fresh instance per message, so the counting hook never leaks into other uses of DOMPurify.
  const purify = DOMPurify(window);
  purify.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName === 'IMG') {
      const src = node.getAttribute('src') ?? '';
      if (!CARRIED_PICTURE.test(src)) {
        if (FROM_THE_INTERNET.test(src)) remotePictures++;
        node.removeAttribute('src');
        node.setAttribute('alt', node.getAttribute('alt') || '[picture not shown]');
      }
    }
    if (node.nodeName === 'A') {
      const href = node.getAttribute('href') ?? '';
      node.removeAttribute('href');
      if (WEB_LINK.test(href)) {
        links++;
        node.after(node.ownerDocument.createTextNode(` [${href}]`));
      }
    }
  });
  const clean = purify.sanitize(defuse(html), {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    KEEP_CONTENT: true,
    // A defused <style>'s words are CSS, not something to read.
    ADD_FORBID_CONTENTS: ['defused-style'],
    WHOLE_DOCUMENT: false,
  });
  return { html: clean, remotePictures, links };
}

/** The frame's whole document: its only load is the app's own stylesheet for mail. */
export function mailHtmlDocument(sanitisedBody: string, title: string, stylesheetUrl: string): string {
  const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return (
    '<!doctype html><html lang="en-GB"><head><meta charset="utf-8">' +
    `<title>${escape(title)}</title><link rel="stylesheet" href="${escape(stylesheetUrl)}">` +
    `</head><body>${sanitisedBody}</body></html>`
  );
}
