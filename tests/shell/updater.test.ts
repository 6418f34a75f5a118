/**
 * main/shell/updater.ts driving the REAL electron-updater (generic provider)
 * against a loopback feed: update check, download, sha512 verification.
 * Only `electron` itself is stubbed (tests/support/electron-stub.ts), as the
 * recipe in shared/recipes/updater does. Each test sets up what a packaged
 * Linux app has: resources/app-update.yml (with the same placeholder URL as
 * electron-builder.yml, which must never be used), a per-user cache, and the
 * running 1.0.0 AppImage.
 */
import { installElectronStub } from '../support/electron-stub'; // first: before electron-updater loads
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { AppImageUpdater } from 'electron-updater';
import { startAutoUpdater } from '../../main/shell/updater';
import { tempDir } from '../support/temp-dir';
import { makeFeed, sha512, startFeedServer, writeAppImage, type FeedServer } from '../support/update-feed';

const CACHE_DIR_NAME = 'care-home-desktop-updater';

async function packagedApp(t: { after: (fn: () => Promise<void>) => void }) {
  const root = tempDir('care-home-updater-');
  const dir = (name: string): string => {
    fs.mkdirSync(path.join(root, name), { recursive: true });
    return path.join(root, name);
  };
  const [feedDir, resources, userData, cache, installed] = ['feed', 'resources', 'userData', 'cache', 'installed'].map(
    dir,
  );
  const server: FeedServer = await startFeedServer(feedDir!);
  t.after(() => server.close());
  fs.writeFileSync(
    path.join(resources!, 'app-update.yml'),
    `provider: generic\nurl: https://updates.invalid/care-home-desktop/\nchannel: latest\nupdaterCacheDirName: ${CACHE_DIR_NAME}\n`,
  );
  (process as { resourcesPath?: string }).resourcesPath = resources;
  process.env.XDG_CACHE_HOME = cache;
  process.env.APPIMAGE = path.join(installed!, 'care-home-desktop-1.0.0-x86_64.AppImage');
  await writeAppImage(process.env.APPIMAGE, '1.0.0');
  installElectronStub({ version: '1.0.0', userData });

  const logs: string[] = [];
  const updater = new AppImageUpdater();
  const start = (policy: { url: string | null; channel: string }) =>
    startAutoUpdater(policy, { isPackaged: true, log: (m) => logs.push(m), updater, schedule: false });
  const pending = path.join(cache!, CACHE_DIR_NAME, 'pending');
  return { feedDir: feedDir!, server, logs, updater, start, pending };
}

test('1.0.0 is offered 1.1.0 from the policy URL; the download is sha512-verified and kept for install on quit', async (t) => {
  const app = await packagedApp(t);
  const feed = await makeFeed(app.feedDir, '1.1.0');
  const handle = app.start({ url: app.server.url, channel: 'latest' });

  assert.deepEqual(await handle.checkNow(), { state: 'downloaded', version: '1.1.0' });
  assert.equal(app.updater.autoDownload, true);
  assert.equal(app.updater.autoInstallOnAppQuit, true);
  assert.equal(app.updater.allowDowngrade, false);
  const [kept] = fs.readdirSync(app.pending).filter((f) => f.endsWith('.AppImage'));
  assert.equal(kept, feed.appImage);
  assert.equal(sha512(fs.readFileSync(path.join(app.pending, kept!))), feed.appImageSha512);
  assert.equal(app.server.log[0]?.path, '/latest-linux.yml', 'the policy URL, not the placeholder in app-update.yml');
  assert.ok(app.logs.includes('[updater] version 1.1.0 downloaded and verified; it installs when the app quits'));
});

test('a download that does not match its sha512 is rejected (ERR_CHECKSUM_MISMATCH), not kept, and logged as one line', async (t) => {
  const app = await packagedApp(t);
  const feed = await makeFeed(app.feedDir, '1.1.0');
  const served = path.join(app.feedDir, feed.appImage);
  const bytes = fs.readFileSync(served);
  bytes[bytes.length / 2 + 3]! ^= 0xff; // same size, inside the block that differs from 1.0.0
  fs.writeFileSync(served, bytes);

  const outcome = await app.start({ url: app.server.url, channel: 'latest' }).checkNow();
  assert.equal(outcome.state, 'failed');
  assert.match((outcome as { error: string }).error, /^ERR_CHECKSUM_MISMATCH: sha512 checksum mismatch/);
  assert.deepEqual(
    fs.readdirSync(app.pending).filter((f) => f.endsWith('.AppImage')),
    [],
  );
  assert.ok(app.logs.some((l) => l.startsWith('[updater] ERR_CHECKSUM_MISMATCH: sha512 checksum mismatch')));
  for (const line of app.logs) {
    assert.ok(!line.includes('\n') && !/\bat .+:\d+:\d+/.test(line), `one line, no stack: ${line}`);
  }
});

test('no URL in the policy: the updater is not even configured and the feed is never contacted', async (t) => {
  const app = await packagedApp(t);
  await makeFeed(app.feedDir, '1.1.0');
  const listenersBefore = app.updater.listenerCount('error'); // electron-updater adds its own
  const handle = startAutoUpdater(
    { url: null, channel: 'latest' },
    { isPackaged: true, log: (m) => app.logs.push(m), updater: app.updater }, // schedule on, as in the app
  );
  assert.deepEqual(await handle.checkNow(), { state: 'disabled', reason: 'the policy sets no update URL' });
  await new Promise((resolve) => setTimeout(resolve, 200));
  handle.stop();
  assert.deepEqual(app.server.log, []);
  assert.equal(app.updater.listenerCount('error'), listenersBefore, 'not configured');
  assert.deepEqual(app.logs, ['[updater] no update checks: the policy sets no update URL']);
});

test('the policy channel picks the channel file, and an older version there is never offered', async (t) => {
  const app = await packagedApp(t);
  await makeFeed(app.feedDir, '0.9.0', 'beta');
  await makeFeed(app.feedDir, '1.1.0', 'latest'); // must not be read
  const outcome = await app.start({ url: app.server.url, channel: 'beta' }).checkNow();
  assert.deepEqual(outcome, { state: 'up-to-date', latest: '0.9.0' });
  assert.deepEqual(
    app.server.log.map((r) => r.path),
    ['/beta-linux.yml'],
  );
  assert.equal(app.updater.allowDowngrade, false, 'a channel must not switch downgrades on');
});
