/**
 * The GP Connect client: Access Record: Structured, Access Record: HTML (the
 * fallback) and Access Document (search and Binary), each with the Spine
 * Secure Proxy headers and the audit JWT, over mutual TLS with the laptop's
 * client certificate. Electron-free; every failure is a GpConnectError.
 */
import { randomUUID } from 'node:crypto';
import type { HtmlSectionCode } from '../../../../common/ipc/channels/records';
import type { GpConnectSettings } from '../../../../common/records/gp-connect-settings';
import type { GpDocument } from '../../../../common/records/gp-record';
import type { Vault } from '../../vault/vault';
import { auditJwt, type Requester } from './audit-jwt';
import { loadClientCertificate } from './client-certificate';
import { arr, obj, str } from './fhir-read';
import { errorFromResponse, GpConnectError } from './gp-connect-error';
import { exchange, type ClientTls, type HttpAnswer } from './gp-connect-http';
import { parseDocumentSearch } from './structured-parser';

export const INTERACTIONS = {
  structured: 'urn:nhs:names:services:gpconnect:fhir:operation:gpc.getstructuredrecord-1',
  html: 'urn:nhs:names:services:gpconnect:fhir:operation:gpc.getcarerecord',
  patientSearch: 'urn:nhs:names:services:gpconnect:documents:fhir:rest:search:patient-1',
  documentSearch: 'urn:nhs:names:services:gpconnect:documents:fhir:rest:search:documentreference-1',
  binary: 'urn:nhs:names:services:gpconnect:documents:fhir:rest:read:binary-1',
} as const;

export interface ClientOptions {
  readonly settings: GpConnectSettings;
  readonly vault: Vault;
  /** The care home as the requesting organisation of the audit claims. */
  readonly organisation: () => { odsCode: string; name: string };
  readonly now: () => Date;
}

export interface StructuredAnswer {
  /** The bundle's text exactly as received, for the store. */
  readonly text: string;
  readonly json: unknown;
  readonly traceId: string;
  readonly endpoint: string;
}

/** The parameters of $gpc.getstructuredrecord: every clinical area, resolved allergies, issues, not-given immunisations. */
export function structuredRecordParameters(nhsNumber: string): object {
  return {
    resourceType: 'Parameters',
    parameter: [
      { name: 'patientNHSNumber', valueIdentifier: { system: 'https://fhir.nhs.uk/Id/nhs-number', value: nhsNumber } },
      { name: 'includeAllergies', part: [{ name: 'includeResolvedAllergies', valueBoolean: true }] },
      { name: 'includeMedication', part: [{ name: 'includePrescriptionIssues', valueBoolean: true }] },
      { name: 'includeConsultations', part: [{ name: 'includeNumberOfMostRecent', valuePositiveInt: 10 }] },
      { name: 'includeProblems' },
      {
        name: 'includeImmunisations',
        part: [
          { name: 'includeNotGiven', valueBoolean: true },
          { name: 'includeStatus', valueBoolean: true },
        ],
      },
      { name: 'includeUncategorisedData' },
      { name: 'includeInvestigations' },
      { name: 'includeReferrals' },
      { name: 'includeDiaryEntries' },
    ],
  };
}

export class GpConnectClient {
  constructor(private readonly options: ClientOptions) {}

  private get connection() {
    const c = this.options.settings.connection;
    if (!c) throw new GpConnectError('not_configured', 'no gpConnect section in the policy');
    return c;
  }

  get endpoint(): string {
    return this.connection.providerBaseUrl;
  }

  private async tls(): Promise<ClientTls | null> {
    const c = this.connection;
    if (!c.providerBaseUrl.startsWith('https://')) return null; // plain http: 127.0.0.1 testing only (policy checks)
    if (!c.clientCertificate) {
      return c.trustedCaPem ? { keyPem: '', certPem: '', caPem: c.trustedCaPem } : null;
    }
    return loadClientCertificate(this.options.vault, c.clientCertificate, c.trustedCaPem, this.options.now());
  }

  private async send(
    requester: Requester,
    interaction: string,
    method: 'GET' | 'POST',
    path: string,
    body?: object,
  ): Promise<{ answer: HttpAnswer; traceId: string }> {
    const c = this.connection;
    const traceId = randomUUID();
    const tls = await this.tls();
    const answer = await exchange({
      method,
      url: `${c.providerBaseUrl}${path}`,
      headers: {
        Accept: 'application/fhir+json',
        ...(body ? { 'Content-Type': 'application/fhir+json' } : {}),
        'Ssp-TraceID': traceId,
        'Ssp-From': c.consumerAsid,
        'Ssp-To': c.providerAsid,
        'Ssp-InteractionID': interaction,
        Authorization: `Bearer ${auditJwt({
          requester,
          organisation: this.options.organisation(),
          consumerAsid: c.consumerAsid,
          audience: c.providerBaseUrl,
          nowMs: this.options.now().getTime(),
          scope: 'patient/*.read',
        })}`,
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
      tls: tls && tls.keyPem ? tls : tls ? { ...tls } : null,
      timeoutMs: this.options.settings.timeoutMs,
      maxBytes: this.options.settings.maxResponseBytes,
    });
    return { answer, traceId };
  }

  /** Reads a JSON answer; a non-2xx becomes the typed error from its OperationOutcome. */
  private static json(answer: HttpAnswer): { text: string; json: unknown } {
    const text = answer.body.toString('utf8');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      if (answer.status >= 400) throw errorFromResponse(answer.status, null);
      throw new GpConnectError('bad_response', `malformed JSON (HTTP ${answer.status}): ${(error as Error).message}`);
    }
    if (answer.status < 200 || answer.status >= 300) throw errorFromResponse(answer.status, json);
    if (obj(json)?.['resourceType'] === 'OperationOutcome') throw errorFromResponse(answer.status, json);
    return { text, json };
  }

  async getStructuredRecord(nhsNumber: string, requester: Requester): Promise<StructuredAnswer> {
    const { answer, traceId } = await this.send(
      requester,
      INTERACTIONS.structured,
      'POST',
      '/Patient/$gpc.getstructuredrecord',
      structuredRecordParameters(nhsNumber),
    );
    const { text, json } = GpConnectClient.json(answer);
    return { text, json, traceId, endpoint: this.endpoint };
  }

  /** Access Record: HTML, one section; the HTML as received (the renderer sanitises it), without script elements. */
  async getCareRecordSection(nhsNumber: string, section: HtmlSectionCode, requester: Requester): Promise<string> {
    const { answer } = await this.send(requester, INTERACTIONS.html, 'POST', '/Patient/$gpc.getcarerecord', {
      resourceType: 'Parameters',
      parameter: [
        {
          name: 'patientNHSNumber',
          valueIdentifier: { system: 'http://fhir.nhs.net/Id/nhs-number', value: nhsNumber },
        },
        {
          name: 'recordSection',
          valueCodeableConcept: {
            coding: [{ system: 'http://fhir.nhs.net/ValueSet/gpconnect-record-section-1', code: section }],
          },
        },
      ],
    });
    const { json } = GpConnectClient.json(answer);
    const composition = arr(obj(json)?.['entry'])
      .map((e) => obj(obj(e)?.['resource']))
      .find((r) => r?.['resourceType'] === 'Composition');
    const div = str(obj(obj(arr(composition?.['section'])[0])?.['text'])?.['div']);
    if (!div) throw new GpConnectError('bad_response', 'no Composition section HTML in the care record');
    return stripScripts(div);
  }

  /** Access Document: find the patient, then list their documents. */
  async searchDocuments(nhsNumber: string, requester: Requester): Promise<GpDocument[]> {
    const identifier = encodeURIComponent(`https://fhir.nhs.uk/Id/nhs-number|${nhsNumber}`);
    const patients = GpConnectClient.json(
      (await this.send(requester, INTERACTIONS.patientSearch, 'GET', `/Patient?identifier=${identifier}`)).answer,
    ).json;
    const patientId = arr(obj(patients)?.['entry'])
      .map((e) => obj(obj(e)?.['resource']))
      .find((r) => r?.['resourceType'] === 'Patient')?.['id'];
    if (typeof patientId !== 'string' || !/^[A-Za-z0-9.-]{1,64}$/.test(patientId)) {
      throw new GpConnectError('patient_not_found', 'no Patient in the document patient search');
    }
    const query = [
      '_include=DocumentReference%3Asubject%3APatient',
      '_include=DocumentReference%3Acustodian%3AOrganization',
      '_include=DocumentReference%3Aauthor%3AOrganization',
      '_include=DocumentReference%3Aauthor%3APractitioner',
      '_revinclude%3Arecurse=PractitionerRole%3Apractitioner',
    ].join('&');
    const { answer } = await this.send(
      requester,
      INTERACTIONS.documentSearch,
      'GET',
      `/Patient/${patientId}/DocumentReference?${query}`,
    );
    try {
      return parseDocumentSearch(GpConnectClient.json(answer).json);
    } catch (error) {
      if (error instanceof GpConnectError) throw error;
      throw new GpConnectError('bad_response', (error as Error).message);
    }
  }

  /**
   * A document's Binary. Only the Binary id is taken from the record's URL: the request always goes to the
   * configured provider, never to an address a record names.
   */
  async getBinary(binaryUrl: string, requester: Requester): Promise<{ contentType: string; content: Buffer }> {
    const id = /\/Binary\/([A-Za-z0-9.-]{1,64})\/?$/.exec(binaryUrl)?.[1];
    if (!id) throw new GpConnectError('bad_response', `not a Binary URL: ${binaryUrl.slice(0, 200)}`);
    const { answer } = await this.send(requester, INTERACTIONS.binary, 'GET', `/Binary/${id}`);
    const binary = obj(GpConnectClient.json(answer).json);
    const contentType = str(binary?.['contentType']);
    const content = str(binary?.['content']);
    if (
      binary?.['resourceType'] !== 'Binary' ||
      !contentType ||
      content === null ||
      !/^[A-Za-z0-9+/=\s]*$/.test(content)
    )
      throw new GpConnectError('bad_response', 'the Binary has no content type or no base64 content');
    return { contentType: contentType.slice(0, 200), content: Buffer.from(content, 'base64') };
  }
}

/** Removes script elements and inline event handlers; the renderer still sanitises with DOMPurify. */
export function stripScripts(html: string): string {
  return html
    .replace(/<script\b[\s\S]*?<\/script\s*>/gi, '')
    .replace(/<script\b[^>]*>/gi, '')
    .replace(/\son[a-z]+\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi, '');
}
