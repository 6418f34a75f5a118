/**
 * Whether and where the app checks for updates (main/shell/updater-plan.ts),
 * decided from the policy's `updates` section alone.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CHECK_INTERVAL_MS, describeUpdaterError, planUpdates } from '../../main/shell/updater-plan';

const packaged = { isPackaged: true };

test('no URL in the policy: no update checks at all', () => {
  assert.deepEqual(planUpdates({ url: null, channel: 'latest' }, packaged), {
    check: false,
    reason: 'the policy sets no update URL',
  });
});

test('an unpackaged app never checks, whatever the policy says', () => {
  const plan = planUpdates({ url: 'https://updates.example.nhs.uk/chd/', channel: 'latest' }, { isPackaged: false });
  assert.equal(plan.check, false);
});

test('an https URL and a plain channel give the generic feed electron-updater is given', () => {
  assert.deepEqual(planUpdates({ url: 'https://updates.example.nhs.uk/chd/', channel: 'beta' }, packaged), {
    check: true,
    feed: { provider: 'generic', url: 'https://updates.example.nhs.uk/chd/', channel: 'beta' },
    intervalMs: CHECK_INTERVAL_MS,
  });
});

test('http only on loopback (local staging, tests); everything else refused', () => {
  for (const url of ['http://127.0.0.1:8080/feed/', 'http://localhost/feed/', 'http://[::1]:9000/']) {
    assert.equal(planUpdates({ url, channel: 'latest' }, packaged).check, true, url);
  }
  const refused: [string, RegExp][] = [
    ['http://updates.example.nhs.uk/', /https/],
    ['http://127.0.0.1.evil.example/', /https/],
    ['ftp://updates.example.nhs.uk/', /https/],
    ['file:///srv/updates/', /https/],
    ['https://user:secret@updates.example.nhs.uk/', /user name or password/],
    ['updates.example.nhs.uk', /not a URL/],
  ];
  for (const [url, reason] of refused) {
    const plan = planUpdates({ url, channel: 'latest' }, packaged);
    assert.equal(plan.check, false, url);
    assert.match((plan as { reason: string }).reason, reason, url);
  }
});

test('a channel that is not a plain lower-case name turns checks off', () => {
  for (const channel of ['', 'Beta', '../latest', 'latest.yml', 'a'.repeat(33), 'beta channel']) {
    assert.equal(planUpdates({ url: 'https://u.example/', channel }, packaged).check, false, channel);
  }
});

test('errors become one line: code and first line, never a stack', () => {
  const error = Object.assign(new Error('sha512 checksum mismatch, expected abc, got def\n    at Foo (x.js:1:1)'), {
    code: 'ERR_CHECKSUM_MISMATCH',
  });
  assert.equal(describeUpdaterError(error), 'ERR_CHECKSUM_MISMATCH: sha512 checksum mismatch, expected abc, got def');
  assert.equal(describeUpdaterError('Error: boom\n    at x'), 'Error: boom');
  assert.equal(describeUpdaterError(new Error('x'.repeat(400))).length, 301);
});
