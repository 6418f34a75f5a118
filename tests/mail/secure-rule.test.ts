/** NHSmail's [secure] rule and the patient-information warning (pure functions in common/mail). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  checkPatientInformation,
  containsNhsNumber,
  isSecureAddress,
  subjectForSending,
} from '../../common/mail/secure-rule';
import { mailSettings, MailPolicy } from '../../common/mail/mail-policy';

test('nhs.net and listed secure domains are secure; look-alikes are not', () => {
  assert.equal(isSecureAddress('jane.smith@nhs.net'), true);
  assert.equal(isSecureAddress('Jane.Smith@NHS.NET'), true);
  assert.equal(isSecureAddress('someone@gmail.com'), false);
  assert.equal(isSecureAddress('x@nhs.net.evil.com'), false);
  assert.equal(isSecureAddress('x@evil-nhs.net'), false);
  assert.equal(isSecureAddress('x@mail.nhs.net'), false, 'a sub-domain counts only when listed');
  assert.equal(isSecureAddress('not an address'), false);
  assert.equal(isSecureAddress('team@council.gov.uk', ['council.gov.uk']), true);
  assert.equal(isSecureAddress('team@council.gov.uk', ['@COUNCIL.gov.uk']), true);
});

test('[secure] goes in front when any recipient is outside the secure domains, and only then', () => {
  assert.equal(subjectForSending({ subject: 'Discharge letter', recipients: ['gp@nhs.net'] }), 'Discharge letter');
  assert.equal(
    subjectForSending({ subject: 'Discharge letter', recipients: ['gp@nhs.net', 'daughter@gmail.com'] }),
    '[secure] Discharge letter',
  );
  assert.equal(subjectForSending({ subject: 'Re: [SECURE] x', recipients: ['a@gmail.com'] }), 'Re: [SECURE] x');
  assert.equal(subjectForSending({ subject: '', recipients: ['a@gmail.com'] }), '[secure]');
  assert.equal(
    subjectForSending({ subject: 'Rota', recipients: ['a@gmail.com'], senderDeclined: true }),
    'Rota',
    'the sender may choose otherwise',
  );
  assert.equal(
    subjectForSending({ subject: 'Rota', recipients: ['a@council.gov.uk'], secureDomains: ['council.gov.uk'] }),
    'Rota',
  );
});

test('a warning comes before patient information goes unencrypted to a non-secure address', () => {
  const base = {
    subject: 'Mrs Jones',
    body: '',
    attachmentNames: [],
    recipients: ['son@gmail.com'],
    willBeEncrypted: false,
  };
  // 943 476 5919 is a valid NHS number (check digit 9).
  const nhs = checkPatientInformation({ ...base, body: 'NHS no 943 476 5919' });
  assert.equal(nhs.warn, true);
  assert.deepEqual(nhs.nonSecure, ['son@gmail.com']);
  assert.ok(nhs.reasons.includes('nhs_number'));
  assert.equal(checkPatientInformation({ ...base, body: 'Her DOB is 1/2/1940' }).warn, true);
  assert.equal(checkPatientInformation({ ...base, attachmentNames: ['letter.pdf'] }).warn, true);
  assert.equal(checkPatientInformation({ ...base, aboutResident: true }).warn, true);
  assert.equal(checkPatientInformation({ ...base, body: 'New medication from Monday' }).warn, true);
  assert.equal(checkPatientInformation({ ...base, body: 'See you at the fete on Saturday' }).warn, false);
  assert.equal(checkPatientInformation({ ...base, body: 'NHS no 943 476 5919', willBeEncrypted: true }).warn, false);
  assert.equal(
    checkPatientInformation({ ...base, body: 'NHS no 943 476 5919', recipients: ['gp@nhs.net'] }).warn,
    false,
  );
});

test('only ten digits with a valid check digit count as an NHS number', () => {
  assert.equal(containsNhsNumber('ref 9434765919'), true);
  assert.equal(containsNhsNumber('phone 0123 456 7890'), false);
  assert.equal(containsNhsNumber('9434765918'), false);
});

test('the mail policy: NHSmail defaults built in, plain connections only to 127.0.0.1', () => {
  const d = mailSettings(undefined);
  assert.equal(d.imap.host, 'outlook.office365.com');
  assert.equal(d.imap.port, 993);
  assert.equal(d.smtp.security, 'starttls');
  assert.equal(d.allowPasswordSignIn, false);
  assert.equal(d.oauth.clientId, null);
  assert.equal(
    MailPolicy.safeParse({ imap: { host: 'mail.example.com', port: 143, security: 'none' } }).success,
    false,
  );
  assert.equal(MailPolicy.safeParse({ imap: { host: '127.0.0.1', port: 1143, security: 'none' } }).success, true);
  assert.equal(MailPolicy.safeParse({ secureDomains: ['not a domain'] }).success, false);
  assert.deepEqual(mailSettings({ secureDomains: ['@Council.gov.uk'] }).secureDomains, ['council.gov.uk']);
});
