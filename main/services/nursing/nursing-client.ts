/**
 * The FHIR R4 client for the local shared care record's district nursing
 * data. One search per resident (see docs/district-nursing.md):
 *
 *   GET [base]/Encounter?patient.identifier=https://fhir.nhs.uk/Id/nhs-number|N
 *       &date=geYYYY-MM-DD&_sort=-date&_count=50
 *       &_include=Encounter:participant&_include=Encounter:service-provider
 *       &_revinclude=Task:encounter&_revinclude=Observation:encounter
 *
 * following the Bundle's `next` links (same server only) up to MAX_PAGES.
 * Every failure becomes a NursingFetchError with a sentence for care staff.
 */
import { randomUUID } from 'node:crypto';
import { SearchBundle } from './fhir-r4';
import { httpFailure, malformed, NursingFetchError, offline, timedOut } from './nursing-errors';

export const NHS_NUMBER_SYSTEM = 'https://fhir.nhs.uk/Id/nhs-number';
const FHIR_JSON = 'application/fhir+json';
const MAX_PAGES = 10;
const MAX_BODY_BYTES = 10 * 1024 * 1024;

export interface NursingClientOptions {
  /** The FHIR base, e.g. https://shcr.example.nhs.uk/fhir/R4 (from policy endpoints.districtNursing). */
  readonly baseUrl: string;
  readonly timeoutMs?: number;
  /** How far back to ask for visits. */
  readonly lookbackDays?: number;
  /** Encounters per page (`_count`). */
  readonly pageSize?: number;
  readonly now?: () => Date;
}

export interface FetchedVisits {
  /** Every resource of every page: Encounters, Tasks, Observations, Practitioners, Organizations, … */
  readonly resources: unknown[];
  /** The start of the window asked for: visits stored from then on are replaced by these. */
  readonly since: string;
  readonly pages: number;
}

export class NursingClient {
  private readonly base: URL;
  private readonly timeoutMs: number;
  private readonly lookbackDays: number;
  private readonly pageSize: number;
  private readonly now: () => Date;

  constructor(options: NursingClientOptions) {
    this.base = new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
    this.timeoutMs = options.timeoutMs ?? 20_000;
    this.lookbackDays = options.lookbackDays ?? 90;
    this.pageSize = options.pageSize ?? 50;
    this.now = options.now ?? (() => new Date());
  }

  /** The base address without credentials or query, to show as the visits' source. */
  get address(): string {
    return `${this.base.origin}${this.base.pathname}`;
  }

  async fetchVisits(nhsNumber: string): Promise<FetchedVisits> {
    const sinceDate = new Date(this.now().getTime() - this.lookbackDays * 86_400_000);
    const since = sinceDate.toISOString().slice(0, 10);
    const first = new URL('Encounter', this.base);
    const q = first.searchParams;
    q.set('patient.identifier', `${NHS_NUMBER_SYSTEM}|${nhsNumber}`);
    q.set('date', `ge${since}`);
    q.set('_sort', '-date');
    q.set('_count', String(this.pageSize));
    q.append('_include', 'Encounter:participant');
    q.append('_include', 'Encounter:service-provider');
    q.append('_revinclude', 'Task:encounter');
    q.append('_revinclude', 'Observation:encounter');

    const resources: unknown[] = [];
    const seen = new Set<string>();
    let next: URL | null = first;
    let pages = 0;
    while (next && pages < MAX_PAGES) {
      const bundle = await this.getBundle(next);
      pages += 1;
      for (const entry of bundle.entry ?? []) {
        const r = entry.resource as { resourceType: string; id?: unknown };
        const key = typeof r.id === 'string' ? `${r.resourceType}/${r.id}` : null;
        if (key && seen.has(key)) continue; // an included Practitioner comes again on every page
        if (key) seen.add(key);
        resources.push(r);
      }
      next = this.nextPage(bundle);
    }
    return { resources, since: `${since}T00:00:00.000Z`, pages };
  }

  /** Only follow a `next` link on the same server: a link elsewhere is not ours to call. */
  private nextPage(bundle: SearchBundle): URL | null {
    const link = bundle.link?.find((l) => l.relation === 'next');
    if (!link) return null;
    let url: URL;
    try {
      url = new URL(link.url, this.base);
    } catch {
      throw malformed(`next link is not an address`);
    }
    if (url.origin !== this.base.origin) throw malformed(`next link points to another server (${url.origin})`);
    return url;
  }

  private async getBundle(url: URL): Promise<SearchBundle> {
    const signal = AbortSignal.timeout(this.timeoutMs);
    let response: Response;
    let body: string;
    try {
      response = await fetch(url, {
        headers: { Accept: FHIR_JSON, 'X-Request-ID': randomUUID() },
        redirect: 'error',
        signal,
      });
      body = await readLimited(response);
    } catch (error) {
      throw this.transportError(error);
    }
    if (!response.ok) throw httpFailure(response.status, body);
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      throw malformed('the body is not JSON');
    }
    if ((json as { resourceType?: unknown } | null)?.resourceType === 'OperationOutcome') {
      throw httpFailure(422, body); // an error dressed as success: treat as refused
    }
    const parsed = SearchBundle.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw malformed(`not a searchset Bundle (${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''})`);
    }
    return parsed.data;
  }

  private transportError(error: unknown): NursingFetchError {
    if (error instanceof NursingFetchError) return error;
    const e = error as { name?: string; cause?: { code?: string; name?: string }; message?: string };
    if (e.name === 'TimeoutError' || e.name === 'AbortError' || e.cause?.name === 'TimeoutError') {
      return timedOut(Math.max(1, Math.round(this.timeoutMs / 1000)));
    }
    return offline(e.cause?.code ?? e.message ?? 'unknown');
  }
}

async function readLimited(response: Response): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES) throw malformed(`the answer is ${declared} bytes, more than ${MAX_BODY_BYTES}`);
  const buffer = await response.arrayBuffer();
  if (buffer.byteLength > MAX_BODY_BYTES) throw malformed(`the answer is more than ${MAX_BODY_BYTES} bytes`);
  return new TextDecoder('utf-8', { fatal: false }).decode(buffer);
}
