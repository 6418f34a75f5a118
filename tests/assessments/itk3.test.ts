/**
 * ITK3 Transfer of Care parsing, on NHS Digital's public XML examples and the
 * project's synthetic trusted assessment (JSON): the header's handling flags,
 * the patient, every PRSB section as words (unknown ones kept), XML and JSON
 * reading the same, and malformed messages refused with a plain reason.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fhirXmlToJson, FhirXmlError } from '../../main/services/assessments/itk3/fhir-xml';
import { Itk3Error, parseTransferOfCare } from '../../main/services/assessments/itk3/transfer-of-care';
import { exampleTrustedAssessmentMessage } from '../../main/services/assessments/itk3/example-message';
import { readTrustedAssessment } from '../../main/services/assessments/itk3/trusted-assessment-reader';
import { DEFAULT_ASSESSMENT_MAPPING } from '../../common/assessments/trusted-assessment';

/** A value deep in FHIR JSON, by names and indexes (undefined when not there). */
const at = (value: unknown, ...path: (string | number)[]): unknown =>
  path.reduce<unknown>((v, k) => (v as Record<string | number, unknown> | null | undefined)?.[k], value);
const findEntry = (bundle: unknown, type: string): unknown =>
  (at(bundle, 'entry') as unknown[]).find((e) => at(e, 'resource', 'resourceType') === type);

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'transfer-of-care');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');

/** Wraps a document bundle (XML) in an ITK3 message, as a hospital system would. */
function wrapInMessage(documentXml: string, busAck = true): string {
  const inner = documentXml.replace(/^<\?xml[^>]*>/, '').replace(/<!--[\s\S]*?-->/, '');
  const docId = /<id value="([^"]+)"/.exec(inner)![1]!;
  return `<?xml version="1.0" encoding="UTF-8"?>
<Bundle xmlns="http://hl7.org/fhir">
  <id value="msg-1"/>
  <type value="message"/>
  <entry>
    <fullUrl value="urn:uuid:header-1"/>
    <resource>
      <MessageHeader>
        <id value="header-1"/>
        <extension url="https://fhir.nhs.uk/STU3/StructureDefinition/Extension-ITK-MessageHandling-2">
          <extension url="BusAckRequested"><valueBoolean value="${busAck}"/></extension>
          <extension url="InfAckRequested"><valueBoolean value="true"/></extension>
          <extension url="Priority"><valueCoding><code value="routine"/></valueCoding></extension>
        </extension>
        <event><code value="ITK003D"/><display value="ITK eDischarge"/></event>
        <timestamp value="2026-11-30T09:00:00+00:00"/>
        <source><endpoint value="X26ABC1"/></source>
        <focus><reference value="urn:uuid:${docId}"/></focus>
      </MessageHeader>
    </resource>
  </entry>
  <entry>
    <fullUrl value="urn:uuid:${docId}"/>
    <resource>${inner}</resource>
  </entry>
</Bundle>`;
}

test('the public ITK3 eDischarge message: handling flags, patient, author and sections', () => {
  const message = parseTransferOfCare(fixture('ITK-EDIS-TEST-032a.xml'));
  assert.deepEqual(message.header.handling, {
    busAckRequested: false,
    infAckRequested: true,
    recipientType: 'FA',
    priority: null,
    messageDefinition: 'https://fhir.nhs.uk/STU3/MessageDefinition/ITK-eDischarge-MessageDefinition-Instance-1',
    senderReference: 'NULL',
    localExtension: 'NULL',
  });
  assert.equal(message.header.eventCode, 'ITK003D');
  assert.equal(message.header.sourceEndpoint, 'NOROT003');
  assert.equal(message.header.sentAt, '2017-01-23T10:10:16+00:00');
  assert.deepEqual(message.document.patient, {
    nhsNumber: '9996668887',
    givenName: 'Elizabeth',
    familyName: 'Black',
    dateOfBirth: '1969-06-09',
  });
  assert.equal(message.document.author, 'Dr Mike Scott');
  assert.deepEqual(
    message.document.sections.map((s) => [s.heading, s.title]),
    [
      ['allergies', 'Allergies and adverse reaction'],
      ['patient', 'Patient demographics'],
    ],
  );
  const allergies = message.document.sections[0]!.text;
  assert.match(allergies, /^Causative agent: Penicillin -class of antibiotic-$/m);
  assert.match(allergies, /^Comment: No swelling$/m);
  assert.equal(message.questionnaireResponses.length, 0);
});

test('the full eDischarge payload: all 21 sections kept, PRSB ones named, the rest under their own titles', () => {
  const message = parseTransferOfCare(wrapInMessage(fixture('edischarge_full_payload_example-01.xml')));
  const sections = message.document.sections;
  assert.equal(sections.length, 21);
  const named = new Map(sections.map((s) => [s.title, s.heading]));
  assert.equal(named.get('Admission details'), 'admissionDetails');
  assert.equal(named.get('Diagnoses'), 'diagnoses');
  assert.equal(named.get('Procedures'), 'procedures');
  assert.equal(named.get('Medications and medical devices'), 'medications');
  assert.equal(named.get('Safety alerts'), 'safetyAlerts');
  assert.equal(named.get('Social context'), 'socialContext');
  assert.equal(named.get('Plan and requested actions'), 'planAndRequestedActions');
  assert.equal(named.get('Person completing record'), 'personCompletingRecord');
  assert.equal(named.get('Legal information'), 'other', 'unknown headings are kept as other');
  assert.ok(
    sections.every((s) => s.text.length > 0),
    'every section keeps its words',
  );
  assert.match(
    sections.find((s) => s.title === 'Admission details')!.text,
    /^Reason for admission: Inferior ischaemic changes$/m,
  );
  assert.match(sections.find((s) => s.title === 'Safety alerts')!.text, /Risks to self/);
  assert.equal(message.header.handling.priority, 'routine');
  assert.equal(message.header.handling.busAckRequested, true);
  assert.ok(message.document.hospital, 'the custodian organisation is named');
});

test('FHIR XML becomes the FHIR JSON shape: value attributes, arrays by cardinality, typed primitives, xhtml', () => {
  const json = fhirXmlToJson(fixture('ITK-EDIS-TEST-032a.xml'));
  assert.equal(json.resourceType, 'Bundle');
  assert.equal(json.type, 'message');
  assert.deepEqual(json.meta, { profile: ['https://fhir.nhs.uk/STU3/StructureDefinition/ITK-Message-Bundle-1'] });
  assert.deepEqual(json.identifier, { value: 'a3940bf5-b82e-4c4f-9477-9bbe6861d634' }, 'Bundle.identifier is single');
  const header = at(json, 'entry', 0, 'resource');
  assert.equal(at(header, 'resourceType'), 'MessageHeader');
  assert.deepEqual(at(header, 'event'), {
    system: 'https://fhir.nhs.uk/STU3/CodeSystem/ITK-MessageEvent-2',
    code: 'ITK003D',
    display: 'ITK eDischarge',
  });
  assert.deepEqual(at(header, 'extension', 0, 'extension', 0), { url: 'BusAckRequested', valueBoolean: false });
  assert.deepEqual(at(header, 'focus'), [{ reference: 'urn:uuid:289f9d42-6f97-40d2-890a-d3d0af397ac7' }]);
  const document = at(json, 'entry', 3, 'resource');
  const patient = at(findEntry(document, 'Patient'), 'resource');
  assert.equal(at(patient, 'name', 'length'), 2);
  assert.deepEqual(at(patient, 'name', 0, 'given'), ['Elizabeth']);
  assert.deepEqual(at(patient, 'address', 0, 'line'), ['21, Grove Street, Overtown']);
  assert.match(String(at(patient, 'identifier', 0, 'extension', 0, 'url')), /NHSNumberVerificationStatus-1$/);
  const list = at(findEntry(document, 'List'), 'resource');
  assert.deepEqual(at(list, 'entry', 0, 'item'), { reference: 'urn:uuid:9a1c380c-e8b0-4814-aefc-ee69d39b1079' });
  const div = String(at(document, 'entry', 0, 'resource', 'section', 0, 'text', 'div'));
  assert.match(div, /^<div xmlns="http:\/\/www.w3.org\/1999\/xhtml">/);
  assert.match(div, /<th>Causative agent<\/th>/);
  assert.match(div, /<\/div>$/);
});

test('primitive extensions and ids go to _name, null-aligned in arrays', () => {
  const json = fhirXmlToJson(`<Patient xmlns="http://hl7.org/fhir">
    <name><given value="Ann"/><given id="g2" value="Marie"><extension url="http://x/y"><valueString value="z"/></extension></given></name>
    <birthDate value="1940-01-02"><extension url="http://x/time"><valueDateTime value="1940-01-02T04:00:00Z"/></extension></birthDate>
    <active value="true"/>
  </Patient>`);
  assert.deepEqual(at(json, 'name', 0, 'given'), ['Ann', 'Marie']);
  assert.deepEqual(at(json, 'name', 0, '_given'), [
    null,
    { id: 'g2', extension: [{ url: 'http://x/y', valueString: 'z' }] },
  ]);
  assert.equal(json.birthDate, '1940-01-02');
  assert.deepEqual(json._birthDate, {
    extension: [{ url: 'http://x/time', valueDateTime: '1940-01-02T04:00:00Z' }],
  });
  assert.equal(json.active, true);
});

test('the synthetic trusted assessment reads the same as JSON and as text', () => {
  const built = exampleTrustedAssessmentMessage();
  const message = parseTransferOfCare(Buffer.from(JSON.stringify(built)));
  assert.equal(message.document.patient.nhsNumber, '9990000026');
  assert.equal(message.document.hospital, 'Riverside General Hospital');
  assert.equal(message.document.hospitalOdsCode, 'RX1');
  assert.equal(message.document.ward, 'Ward 7 (Elderly Care)');
  assert.equal(message.document.author, 'Sam Okafor');
  assert.equal(message.questionnaireResponses.length, 1);
  assert.deepEqual(
    message.document.sections.filter((s) => s.heading === 'other').map((s) => s.title),
    ['Hospital discharge team notes'],
  );
  assert.match(message.document.sections.find((s) => s.heading === 'medications')!.text, /Aspirin stopped/);
});

test('malformed messages are refused with a sentence that says what is wrong', () => {
  const refuse = (input: string, pattern: RegExp) =>
    assert.throws(
      () => parseTransferOfCare(input),
      (e: unknown) => e instanceof Itk3Error && pattern.test(e.message),
    );
  refuse('not a message', /neither FHIR JSON nor FHIR XML/);
  refuse('{"resourceType": "Bundle", ', /not valid JSON/);
  refuse('<Bundle xmlns="http://hl7.org/fhir"><type value="message"></Bundle>', /not well-formed XML/);
  refuse('<!DOCTYPE x [<!ENTITY a "b">]><Bundle/>', /DTD/);
  refuse(JSON.stringify({ resourceType: 'Bundle', type: 'document' }), /"document" bundle, not an ITK3 message/);
  const noFocus = exampleTrustedAssessmentMessage() as { entry: { resource: Record<string, unknown> }[] };
  noFocus.entry.pop();
  refuse(JSON.stringify(noFocus), /document that is not in the message/);
  const noHandling = exampleTrustedAssessmentMessage() as { entry: { resource: Record<string, unknown> }[] };
  delete noHandling.entry[0]!.resource.extension;
  refuse(JSON.stringify(noHandling), /no ITK message handling extension/);
  const badFlag = fixture('ITK-EDIS-TEST-032a.xml').replace(
    '<valueBoolean value="false"/>',
    '<valueBoolean value="maybe"/>',
  );
  refuse(badFlag, /should be true or false/);
  const noTimestamp = exampleTrustedAssessmentMessage() as { entry: { resource: Record<string, unknown> }[] };
  delete noTimestamp.entry[0]!.resource.timestamp;
  refuse(JSON.stringify(noTimestamp), /MessageHeader.*timestamp/);
  assert.throws(() => fhirXmlToJson('<a/><b/>'), FhirXmlError);
});

test('the XML fixture converted to JSON reads exactly as the XML does', () => {
  for (const xml of [
    fixture('ITK-EDIS-TEST-032a.xml'),
    wrapInMessage(fixture('edischarge_full_payload_example-01.xml')),
  ]) {
    const fromXml = parseTransferOfCare(xml);
    const fromJson = parseTransferOfCare(JSON.stringify(fhirXmlToJson(xml)));
    assert.deepEqual({ ...fromJson, json: null }, { ...fromXml, json: null });
  }
});

test('a trusted assessment in FHIR XML is read like its JSON', () => {
  const xml = `<Bundle xmlns="http://hl7.org/fhir"><type value="message"/>
  <entry><fullUrl value="urn:uuid:h"/><resource><MessageHeader>
    <extension url="https://fhir.nhs.uk/STU3/StructureDefinition/Extension-ITK-MessageHandling-2">
      <extension url="BusAckRequested"><valueBoolean value="true"/></extension>
      <extension url="InfAckRequested"><valueBoolean value="false"/></extension>
    </extension>
    <event><code value="ITK003D"/></event><timestamp value="2026-11-30T09:00:00Z"/>
    <source><endpoint value="X26ABC1"/></source><focus><reference value="urn:uuid:d"/></focus>
  </MessageHeader></resource></entry>
  <entry><fullUrl value="urn:uuid:d"/><resource><Bundle><type value="document"/>
    <entry><fullUrl value="urn:uuid:c"/><resource><Composition><status value="final"/>
      <type><coding><code value="373942005"/></coding></type><subject><reference value="urn:uuid:p"/></subject>
      <date value="2026-11-30"/><title value="Trusted assessment"/></Composition></resource></entry>
    <entry><fullUrl value="urn:uuid:p"/><resource><Patient>
      <identifier><system value="https://fhir.nhs.uk/Id/nhs-number"/><value value="9990000026"/></identifier>
      <name><family value="Marsh"/><given value="Edith"/></name><birthDate value="1938-05-14"/></Patient></resource></entry>
    <entry><fullUrl value="urn:uuid:q"/><resource><QuestionnaireResponse><status value="completed"/>
      <item><linkId value="mobility"/><answer><valueString value="Frame &amp; one carer"/></answer>
        <item><linkId value="mobility.equipment"/><answer><valueString value="Walking frame"/></answer></item></item>
      <item><linkId value="capacity.dols-in-place"/><answer><valueBoolean value="false"/></answer></item>
      <item><linkId value="discharge.planned-date"/><answer><valueDate value="2026-12-04"/></answer></item>
    </QuestionnaireResponse></resource></entry>
  </Bundle></resource></entry></Bundle>`;
  const message = parseTransferOfCare(xml);
  assert.equal(message.header.handling.busAckRequested, true);
  const assessment = readTrustedAssessment(message.questionnaireResponses[0]!, DEFAULT_ASSESSMENT_MAPPING);
  assert.equal(assessment.needs.mobility, 'Frame & one carer');
  assert.deepEqual(assessment.mobilityEquipment, ['Walking frame']);
  assert.equal(assessment.dolsInPlace, false);
  assert.equal(assessment.plannedDischargeDate, '2026-12-04');
});
