/**
 * The managed policy: read from the OS-standard place, validated, and never a
 * reason to crash. A broken file gives locked-down defaults and a report.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_POLICY, LOCKED_DOWN_POLICY, loadPolicy, parsePolicy } from '../../main/services/policy/policy';
import { machinePolicyPath } from '../../main/services/policy/policy-location';
import { setUpCareHome, startTestCore } from '../support/core';

test('the policy lives where each OS keeps machine-wide settings, unless the environment says otherwise', () => {
  assert.equal(
    machinePolicyPath('win32', { ProgramData: 'D:\\ProgramData' }),
    'D:\\ProgramData\\CareHomeDesktop\\policy.json',
  );
  assert.equal(machinePolicyPath('linux', {}), '/etc/care-home-desktop/policy.json');
  assert.equal(machinePolicyPath('darwin', {}), '/Library/Application Support/CareHomeDesktop/policy.json');
  assert.equal(machinePolicyPath('win32', { CARE_HOME_POLICY_PATH: '/tmp/p.json' }), '/tmp/p.json');
});

test('no policy file: the built-in defaults, and no problems', () => {
  const status = loadPolicy('/nonexistent/policy.json');
  assert.equal(status.state, 'absent');
  assert.deepEqual(status.effective, DEFAULT_POLICY);
  assert.equal(status.effective.idleLockMinutes, 5);
});

test('a valid policy sets kiosk, idle lock, updates and endpoints', () => {
  const status = parsePolicy(
    'p',
    JSON.stringify({
      kiosk: true,
      idleLockMinutes: 10,
      updates: { url: 'https://updates.example-it-provider.co.uk/care-home', channel: 'beta' },
      endpoints: { gpConnect: 'https://gpconnect.example.nhs.uk/' },
    }),
  );
  assert.equal(status.state, 'loaded');
  assert.deepEqual(status.effective, {
    kiosk: true,
    idleLockMinutes: 10,
    updates: { url: 'https://updates.example-it-provider.co.uk/care-home', channel: 'beta' },
    endpoints: { gpConnect: 'https://gpconnect.example.nhs.uk/' },
  });
});

test('each kind of broken policy is reported with where and what, and the app runs locked down', () => {
  const cases: Array<[string, RegExp]> = [
    ['{ not json', /not valid JSON/],
    ['{"idleLockMinutes": 0}', /idleLockMinutes: The idle lock must be at least/],
    ['{"kiosk": "yes"}', /kiosk: /],
    ['{"updates": {"url": "http://updates.example.com/"}}', /updates.url: Use an https/],
    ['{"surprise": 1}', /surprise|Unrecognized key/],
    ['[]', /expected object/i],
  ];
  for (const [text, expected] of cases) {
    const status = parsePolicy('policy.json', text);
    assert.equal(status.state, 'invalid', text);
    assert.deepEqual(status.effective, LOCKED_DOWN_POLICY);
    const said = status.problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join(' | ');
    assert.match(said, expected, text);
  }
});

test('an invalid policy is shown to administrators through app.status and policy.status', async () => {
  const t = await startTestCore({ policy: '{"idleLockMinutes": "five"}' });
  const { manager } = await setUpCareHome(t);
  const status = await t.ok(t.core.openSession(), 'app.status');
  assert.equal(status.policyProblems[0]?.path, 'idleLockMinutes');
  const policy = await t.ok(manager, 'policy.status');
  assert.equal(policy.state, 'invalid');
  assert.equal(policy.effective.kiosk, true);
});
