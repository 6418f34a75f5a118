/**
 * The built renderer (dist/renderer, from `vite build`) keeps to the rules
 * every page runs under: only the app's own script files (no inline script,
 * no <style>, no style attributes), nothing loaded from anywhere else (the NHS
 * web font and icons are removed or local), and a lean first download.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';

const DIST = path.resolve(__dirname, '..', '..', 'dist', 'renderer');
const MAX_INITIAL_JS_GZIP_BYTES = 300 * 1024;

function read(file: string): string {
  return fs.readFileSync(path.join(DIST, file), 'utf8');
}

test('index.html loads only the app’s own script and style files', () => {
  const html = read('index.html');
  assert.match(html, /<html lang="en-GB">/);
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
  assert.ok(scripts.length > 0, 'there is a script');
  for (const [, attributes, body] of scripts) {
    assert.match(attributes ?? '', /\bsrc="\.\/assets\/[^"]+\.js"/, 'every script is a file of the app');
    assert.equal((body ?? '').trim(), '', 'no inline script');
  }
  assert.doesNotMatch(html, /<style[\s>]/i, 'no <style> element');
  assert.doesNotMatch(html, /\sstyle=/i, 'no style attribute');
  assert.doesNotMatch(html, /\s(src|href)=["']?(https?:)?\/\//i, 'nothing remote');
});

test('the stylesheets load nothing remote (the NHS web font is dropped, icons are local)', () => {
  const cssFiles = fs.readdirSync(path.join(DIST, 'assets')).filter((f) => f.endsWith('.css'));
  assert.ok(cssFiles.length > 0);
  for (const file of cssFiles) {
    const css = read(path.join('assets', file));
    assert.doesNotMatch(css, /url\(\s*['"]?(https?:)?\/\//i, `${file} has no remote url()`);
    assert.doesNotMatch(css, /@import/i, `${file} imports nothing`);
    for (const [, target] of css.matchAll(/url\(\s*['"]?([^'")]+)['"]?\s*\)/g)) {
      if (target!.startsWith('data:')) continue;
      assert.ok(
        fs.existsSync(path.join(DIST, 'assets', target!)),
        `${file} refers to ${target}, which is in the build`,
      );
    }
  }
});

test('the first download of script is at most 300 KB gzipped', () => {
  const html = read('index.html');
  const entry = /<script\b[^>]*\bsrc="\.\/([^"]+)"/.exec(html)?.[1];
  assert.ok(entry);
  const preloads = [...html.matchAll(/<link\b[^>]*rel="modulepreload"[^>]*href="\.\/([^"]+)"/g)].map((m) => m[1]!);
  const total = [entry, ...preloads].reduce(
    (sum, file) => sum + gzipSync(fs.readFileSync(path.join(DIST, file))).length,
    0,
  );
  assert.ok(total <= MAX_INITIAL_JS_GZIP_BYTES, `initial script is ${Math.round(total / 1024)} KB gzipped`);
});
