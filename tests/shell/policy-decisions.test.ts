/**
 * The shell's pure security decisions (main/shell/policy-decisions.ts):
 * navigation, external links, permissions, the IPC sender check and kiosk keys.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  decideNavigation,
  externalLinkPrompt,
  externalLinkTarget,
  isAppUrl,
  isKioskEscapeShortcut,
  isPermissionAllowed,
  KioskLock,
  MEDIA_PERMISSION_ALLOW_LIST,
  originOf,
  senderRefusal,
  type KeyInput,
  type SenderFacts,
} from '../../main/shell/policy-decisions';

describe('app origin', () => {
  test('app://care-home pages are the app; look-alikes are not', () => {
    assert.equal(APP_ORIGIN, 'app://care-home');
    assert.ok(isAppUrl(APP_ENTRY_URL));
    assert.ok(isAppUrl('app://care-home/assets/index.js'));
    for (const url of [
      'app://care-home.evil.example/index.html',
      'app://evil/index.html',
      'app://user@care-home/index.html',
      'https://care-home/index.html',
      'file:///index.html',
      'not a url',
    ]) {
      assert.equal(isAppUrl(url), false, url);
    }
  });

  test('originOf writes the app origin as Chromium does (Node says "null")', () => {
    assert.equal(originOf('app://care-home/x/y.js?q=1'), 'app://care-home');
    assert.equal(originOf('https://www.nhs.uk/conditions/'), 'https://www.nhs.uk');
    assert.equal(originOf('data:text/html,hi'), null);
    assert.equal(originOf('::'), null);
  });
});

describe('navigation and external links', () => {
  test('every navigation is denied; an https link in the main frame is offered to the browser', () => {
    assert.deepEqual(decideNavigation('https://www.nhs.uk/', true), {
      action: 'offer-external',
      url: 'https://www.nhs.uk/',
    });
    assert.deepEqual(decideNavigation('https://www.nhs.uk/', false), { action: 'deny' }, 'not from a subframe');
    for (const url of [
      'app://care-home/index.html', // the app never leaves its page, not even for itself
      'http://www.nhs.uk/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:text/html,<script>1</script>',
      'chrome://settings',
      'about:blank',
    ]) {
      assert.deepEqual(decideNavigation(url, true), { action: 'deny' }, url);
    }
  });

  test('external links: https with a real host and no credentials only', () => {
    assert.equal(externalLinkTarget('https://digital.nhs.uk/services?x=1#y'), 'https://digital.nhs.uk/services?x=1#y');
    assert.equal(externalLinkTarget('HTTPS://WWW.NHS.UK'), 'https://www.nhs.uk/', 'normalised');
    for (const url of [
      'https://www.nhs.uk@evil.example/',
      'https://user:pass@nhs.uk/',
      'http://www.nhs.uk/',
      'mailto:someone@nhs.net',
      'ms-settings:privacy',
      'smb://server/share',
      'file://server/share',
      `https://nhs.uk/${'a'.repeat(3000)}`,
      '',
    ]) {
      assert.equal(externalLinkTarget(url), null, url);
    }
  });

  test('the confirmation names the destination and defaults to Cancel', () => {
    const prompt = externalLinkPrompt('https://www.nhs.uk/conditions/');
    assert.equal(prompt.message, 'Open this link in your web browser?');
    assert.match(prompt.detail, /www\.nhs\.uk/);
    assert.match(prompt.detail, /https:\/\/www\.nhs\.uk\/conditions\//);
    assert.equal(prompt.buttons[prompt.cancelButton], 'Cancel');
    assert.equal(prompt.buttons[prompt.openButton], 'Open in web browser');
  });
});

describe('permissions', () => {
  test('with the shipped (empty) allow-list, everything is denied to everyone', () => {
    assert.deepEqual(MEDIA_PERMISSION_ALLOW_LIST, []);
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'fullscreen', 'hid', 'usb']) {
      assert.equal(isPermissionAllowed(permission, APP_ENTRY_URL), false, permission);
    }
  });

  test('the allow-list hook grants media to exactly the listed origin, and never anything else', () => {
    const allow = [{ origin: APP_ORIGIN, permissions: ['media'] as const }];
    assert.equal(isPermissionAllowed('media', APP_ENTRY_URL, allow), true, 'by URL');
    assert.equal(isPermissionAllowed('media', 'app://care-home', allow), true, 'by origin');
    assert.equal(isPermissionAllowed('media', 'app://care-home.evil/', allow), false);
    assert.equal(isPermissionAllowed('media', 'https://care-home/', allow), false);
    assert.equal(isPermissionAllowed('media', undefined, allow), false);
    assert.equal(isPermissionAllowed('media', '', allow), false);
    // Not grantable even if someone lists it.
    const tooMuch = [{ origin: APP_ORIGIN, permissions: ['geolocation'] as unknown as ['media'] }];
    assert.equal(isPermissionAllowed('geolocation', APP_ENTRY_URL, tooMuch), false);
  });
});

describe('IPC sender check', () => {
  const good: SenderFacts = {
    frameUrl: 'app://care-home/index.html',
    frameOrigin: 'app://care-home',
    isMainFrame: true,
    fromAppWindow: true,
  };

  test("the main frame of the app's own window, on app://care-home, is accepted", () => {
    assert.equal(senderRefusal(good), null);
    assert.equal(senderRefusal({ ...good, frameUrl: 'app://care-home/residents' }), null);
  });

  test('anything else is refused, with a reason for the log', () => {
    assert.match(senderRefusal({ ...good, frameUrl: null })!, /no longer exists/);
    assert.match(senderRefusal({ ...good, fromAppWindow: false })!, /not a window of this app/);
    assert.match(senderRefusal({ ...good, isMainFrame: false })!, /not the main frame/);
    assert.match(
      senderRefusal({ ...good, frameUrl: 'https://evil.example/', frameOrigin: 'https://evil.example' })!,
      /wrong origin https:\/\/evil\.example/,
    );
    assert.match(senderRefusal({ ...good, frameUrl: 'file:///tmp/x.html', frameOrigin: 'file://' })!, /wrong origin/);
    // URL and Chromium's origin must agree (e.g. a sandboxed iframe has an opaque origin).
    assert.match(senderRefusal({ ...good, frameOrigin: 'null' })!, /wrong origin/);
  });
});

describe('kiosk', () => {
  const key = (k: string, mods: Partial<KeyInput> = {}): KeyInput => ({
    key: k,
    control: false,
    meta: false,
    alt: false,
    shift: false,
    ...mods,
  });

  test('close, quit, reload, full-screen, hide and DevTools combinations are escapes', () => {
    for (const input of [
      key('F4', { alt: true }),
      key('F4', { control: true }),
      key('w', { control: true }),
      key('W', { control: true, shift: true }),
      key('q', { meta: true }),
      key('r', { control: true }),
      key('F5'),
      key('F11'),
      key('F12'),
      key('i', { control: true, shift: true }),
      key('m', { meta: true }),
    ]) {
      assert.equal(isKioskEscapeShortcut(input), true, JSON.stringify(input));
    }
  });

  test('typing is never blocked', () => {
    for (const input of [
      key('w'),
      key('Q', { shift: true }),
      key('F4'),
      key('Escape'),
      key('Enter'),
      key('c', { control: true }), // copy
      key('v', { control: true }), // paste
      key('z', { control: true }), // undo
      key('i', { control: true }),
    ]) {
      assert.equal(isKioskEscapeShortcut(input), false, JSON.stringify(input));
    }
  });

  test('a kiosk window closes only when the app quits or an admin unlocks it', () => {
    const lock = new KioskLock(true);
    assert.equal(lock.mayCloseWindow(), false);
    assert.equal(lock.blocksShortcut(key('F4', { alt: true })), true);
    lock.appIsQuitting();
    assert.equal(lock.mayCloseWindow(), true, 'shutdown / log-off');

    const unlocked = new KioskLock(true);
    unlocked.unlockByAdmin();
    assert.equal(unlocked.mayCloseWindow(), true);
    assert.equal(unlocked.blocksShortcut(key('F4', { alt: true })), false);
  });

  test('without kiosk mode nothing is held back', () => {
    const lock = new KioskLock(false);
    assert.equal(lock.mayCloseWindow(), true);
    assert.equal(lock.blocksShortcut(key('w', { control: true })), false);
  });
});
