/**
 * A FHIR narrative (XHTML) as plain words for the inbox: rows and paragraphs
 * on their own lines, a table's heading cell joined to its value with ": ".
 * The result is shown as text (never as markup), so no tag can reach the
 * screen; the original XHTML stays in the stored message.
 */
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

export function narrativeText(xhtml: string): string {
  const text = xhtml
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, '')
    .replace(/<\/t[hd]>\s*<t[hd]\b[^>]*>/gi, ': ')
    .replace(/<(br|\/p|\/tr|\/li|\/h\d|\/div|\/table|\/caption)\b[^>]*>/gi, '\n')
    .replace(/<li\b[^>]*>/gi, '• ')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] === '#') {
        const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      }
      return ENTITIES[name.toLowerCase()] ?? whole;
    });
  return text
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}
