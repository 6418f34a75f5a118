/**
 * The GP practice's own HTML view of a record (GP Connect Access Record: HTML)
 * is written by another organisation's system, so it is untrusted. Main removes
 * script elements; here DOMPurify keeps only the plain text and table markup
 * GP Connect sections use. No attribute that can load or link anything (src,
 * href, srcset, style, …) survives, so nothing in it can run or fetch, even
 * before the sandboxed frame and the inherited CSP are counted.
 */
import DOMPurify from 'dompurify';

const ALLOWED_TAGS = [
  'div',
  'span',
  'p',
  'br',
  'hr',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'table',
  'caption',
  'colgroup',
  'col',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'th',
  'td',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'b',
  'strong',
  'i',
  'em',
  'u',
  'small',
  'sub',
  'sup',
  'pre',
  'code',
  'abbr',
  'blockquote',
];

// Table structure only: nothing that names a URL, a style, an event or an id to clobber.
const ALLOWED_ATTR = ['colspan', 'rowspan', 'scope', 'headers', 'abbr'];

export function sanitiseGpHtml(html: string): string {
  // Parsed into a <template>'s inert content and cleaned there in place. Given the
  // string, DOMPurify parses it with DOMParser, whose document shares this page's
  // CSP, and Chromium then logs every blocked onerror and style attribute.
  const template = document.createElement('template');
  template.innerHTML = html;
  const root = template.content.ownerDocument.createElement('div');
  root.append(...Array.from(template.content.childNodes));
  // Chromium still queues events (an image's error) for parsed elements; dropping
  // every unlisted attribute at once, before they fire, leaves them no handler to try.
  for (const element of Array.from(root.querySelectorAll('*')))
    for (const attribute of Array.from(element.attributes))
      if (!ALLOWED_ATTR.includes(attribute.name)) element.removeAttribute(attribute.name);
  DOMPurify.sanitize(root, {
    IN_PLACE: true,
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    // Text inside removed elements (e.g. a link's words) stays readable; script and style bodies do not.
    KEEP_CONTENT: true,
  });
  return root.innerHTML;
}

/**
 * The whole document for the sandboxed frame. Its only load is the app's own
 * stylesheet (style-src 'self'; an about:srcdoc frame inherits the app's CSP).
 */
export function gpHtmlDocument(sanitisedBody: string, title: string, stylesheetUrl: string): string {
  const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return (
    '<!doctype html><html lang="en-GB"><head><meta charset="utf-8">' +
    `<title>${escape(title)}</title><link rel="stylesheet" href="${escape(stylesheetUrl)}">` +
    `</head><body>${sanitisedBody}</body></html>`
  );
}
