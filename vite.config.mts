/**
 * Builds the renderer (React) into dist/renderer.
 *
 * Every page runs under a strict Content-Security-Policy (common/security/csp.ts):
 * only the app's own scripts, styles, fonts and images, and no inline script.
 * So the build: uses relative URLs (`base: './'`, the app serves from app://),
 * injects no inline module-preload polyfill, inlines nothing as data: URLs,
 * makes nhsuk-frontend's CSS local-only (its @font-face points at assets.nhs.uk
 * and its icons at /assets/images/...), and fails if anything remote or inline
 * is left in the output.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));

/**
 * Removes `@media screen\0 { ... }` blocks: hacks for Internet Explorer 8 to 10,
 * which Chromium ignores and the CSS minifier cannot parse.
 */
function dropLegacyIeMediaHacks(css: string): string {
  let out = '';
  let from = 0;
  for (;;) {
    const start = css.indexOf('@media screen\\0', from);
    if (start === -1) return out + css.slice(from);
    const open = css.indexOf('{', start);
    if (open === -1) return out + css.slice(from);
    let depth = 0;
    let end = open;
    for (; end < css.length; end += 1) {
      if (css[end] === '{') depth += 1;
      else if (css[end] === '}' && --depth === 0) break;
    }
    out += css.slice(from, start);
    from = end + 1;
  }
}

/** nhsuk-frontend's compiled CSS, made to load nothing from anywhere but the app. */
function nhsukFrontendLocalOnly(): Plugin {
  return {
    name: 'care-home:nhsuk-frontend-local-only',
    enforce: 'pre',
    transform(code, id) {
      if (!/nhsuk-frontend[\\/]dist[\\/].*\.css(\?.*)?$/.test(id)) return null;
      const local = code
        // The NHS web font is served from assets.nhs.uk; drop it (Arial is the design system's fallback).
        .replace(/@font-face\s*\{[^}]*\}/g, (rule) => (/url\(\s*['"]?(https?:)?\/\//i.test(rule) ? '' : rule))
        // Icons are referenced from the site root; point them at the package's own copies,
        // which Vite then copies into the build.
        .replace(/url\(\s*(['"]?)\/assets\//g, 'url($1./assets/')
        .replace(/\/\*#\s*sourceMappingURL=[^*]*\*\//g, '');
      const withoutIeHacks = dropLegacyIeMediaHacks(local);
      if (
        /url\(\s*['"]?(https?:)?\/\//i.test(withoutIeHacks) ||
        /@import\s+(url\()?['"]?(https?:)?\/\//i.test(withoutIeHacks)
      ) {
        this.error('nhsuk-frontend CSS still refers to a remote address after making it local-only');
      }
      return { code: withoutIeHacks, map: null };
    },
  };
}

/** Fails the build if the output would break the CSP or load anything remote. */
function cspSafeOutput(): Plugin {
  return {
    name: 'care-home:csp-safe-output',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      for (const [fileName, item] of Object.entries(bundle)) {
        const text =
          item.type === 'chunk'
            ? null
            : typeof item.source === 'string'
              ? item.source
              : /\.(html|css)$/.test(fileName)
                ? new TextDecoder().decode(item.source)
                : null;
        if (text === null) continue;
        if (fileName.endsWith('.html')) {
          if (/<script(?![^>]*\bsrc=)[^>]*>/i.test(text)) this.error(`${fileName} has an inline <script>`);
          if (/<style[\s>]/i.test(text)) this.error(`${fileName} has a <style> element`);
          if (/\sstyle=/i.test(text)) this.error(`${fileName} has a style attribute`);
          if (/\s(src|href)=["']?(https?:)?\/\//i.test(text)) this.error(`${fileName} refers to a remote address`);
        }
        if (fileName.endsWith('.css') && /url\(\s*['"]?(https?:)?\/\//i.test(text)) {
          this.error(`${fileName} refers to a remote address`);
        }
      }
    },
  };
}

export default defineConfig({
  root: 'renderer',
  base: './',
  publicDir: 'public',
  plugins: [nhsukFrontendLocalOnly(), react(), cspSafeOutput()],
  build: {
    outDir: `${repoRoot}dist/renderer`,
    emptyOutDir: true,
    target: 'chrome120',
    // No inline polyfill script: the CSP allows only the app's own script files.
    modulePreload: { polyfill: false },
    // Assets stay files; nothing becomes a data: URL inside the CSS or JS.
    assetsInlineLimit: 0,
    sourcemap: false,
    reportCompressedSize: true,
  },
  server: {
    // The dev server is for working on pages only; the app itself always loads the built files.
    fs: { allow: [repoRoot] },
  },
});
