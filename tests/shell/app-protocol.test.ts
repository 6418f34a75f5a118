/**
 * The real app:// handler (main/shell/app-protocol.ts) against a temp
 * renderer folder, under Node (Request/Response are the same globals
 * Electron's protocol.handle uses).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { contentSecurityPolicy } from '../../common/security/csp';
import { createAppProtocolHandler, resolveAppRequest } from '../../main/shell/app-protocol';
import { tempDir } from '../support/temp-dir';

const base = tempDir('care-home-app-protocol-');
const root = path.join(base, 'renderer');
fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Care Home Desktop</title>');
fs.writeFileSync(path.join(root, 'assets', 'index-abc.js'), 'console.log(1)');
fs.writeFileSync(path.join(root, 'assets', 'index-abc.css'), 'body{}');
fs.writeFileSync(path.join(root, 'assets', 'data.bin'), 'xx');
fs.writeFileSync(path.join(base, 'secret.txt'), 'outside the renderer folder');
fs.mkdirSync(path.join(base, 'renderer-evil'));
fs.writeFileSync(path.join(base, 'renderer-evil', 'x.js'), 'sibling folder with the same prefix');

const logs: string[] = [];
const handle = createAppProtocolHandler(root, (m) => logs.push(m));
const get = (url: string, method = 'GET') => handle(new Request(url, { method }));

function assertSecurityHeaders(response: Response): void {
  assert.equal(response.headers.get('content-security-policy'), contentSecurityPolicy());
  assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
}

test('serves the renderer with the right MIME types and security headers', async () => {
  const cases: [string, string, string][] = [
    ['app://care-home/index.html', 'text/html; charset=utf-8', 'Care Home Desktop'],
    ['app://care-home/', 'text/html; charset=utf-8', 'Care Home Desktop'],
    ['app://care-home/assets/index-abc.js', 'text/javascript; charset=utf-8', 'console.log(1)'],
    ['app://care-home/assets/index-abc.css', 'text/css; charset=utf-8', 'body{}'],
    ['app://care-home/residents/42', 'text/html; charset=utf-8', 'Care Home Desktop'], // client-side route
  ];
  for (const [url, type, body] of cases) {
    const response = await get(url);
    assert.equal(response.status, 200, url);
    assert.equal(response.headers.get('content-type'), type, url);
    assertSecurityHeaders(response);
    assert.match(await response.text(), new RegExp(body.replace(/[()]/g, '\\$&')));
  }
});

test('path traversal never leaves the renderer folder', async () => {
  for (const url of [
    'app://care-home/../secret.txt', // normalised by the URL parser to /secret.txt
    'app://care-home/%2e%2e/secret.txt',
    'app://care-home/..%2fsecret.txt',
    'app://care-home/assets/..%2f..%2fsecret.txt',
    'app://care-home/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://care-home/..%2frenderer-evil/x.js', // a sibling whose name starts like the root
    'app://care-home/..%5csecret.txt',
    'app://care-home/assets%5c..%5c..%5csecret.txt',
    'app://care-home/index.html%00.js',
  ]) {
    const response = await get(url);
    assert.ok([400, 403, 404].includes(response.status), `${url} -> ${response.status}`);
    assertSecurityHeaders(response);
    assert.doesNotMatch(await response.text(), /outside|sibling/, url);
  }
});

test('refuses other methods, other hosts, unknown types, missing files and directories', async () => {
  const post = await get('app://care-home/index.html', 'POST');
  assert.equal(post.status, 405);
  assert.equal(post.headers.get('allow'), 'GET');
  assertSecurityHeaders(post);
  assert.equal((await get('app://care-home/index.html', 'HEAD')).status, 405);
  assert.equal((await get('app://other-host/index.html')).status, 404);
  assert.equal((await get('app://care-home/assets/data.bin')).status, 403, 'no MIME type guessing');
  assert.equal((await get('app://care-home/assets/missing.js')).status, 404);
  assert.equal((await get('app://care-home/assets.js')).status, 404);
  fs.mkdirSync(path.join(root, 'folder.js'));
  const directory = await get('app://care-home/folder.js');
  assert.equal(directory.status, 404);
  assertSecurityHeaders(directory);
  assert.equal((await get('app://care-home/%E0%A4%A')).status, 400, 'malformed escape');
});

test('the decision function, for the log: no query strings in log lines', async () => {
  assert.deepEqual(resolveAppRequest(root, 'GET', 'app://care-home/assets/index-abc.js'), {
    ok: true,
    file: path.join(root, 'assets', 'index-abc.js'),
    contentType: 'text/javascript; charset=utf-8',
  });
  logs.length = 0;
  await get('app://care-home/missing.gif?nhs=9434765919');
  await get('app://care-home/index.html?nhs=9434765919', 'POST');
  assert.ok(logs.length > 0);
  assert.ok(
    logs.every((line) => !line.includes('9434765919')),
    logs.join('\n'),
  );
});
