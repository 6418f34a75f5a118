/**
 * The GP record as the practice's own system lays it out (GP Connect Access
 * Record: HTML), for practices that do not offer structured data. The HTML is
 * untrusted: it is sanitised (sanitise-gp-html.ts) and shown in a frame with
 * `sandbox=""` (no script, no forms, no navigation, an opaque origin that cannot
 * reach the app). The frame is an about:srcdoc document, which Chromium does not
 * check against `frame-src 'none'` and which inherits the app's CSP, so it cannot
 * load anything remote either (tests/e2e/records-practice-view.test.ts).
 */
import { useMemo } from 'react';
import type { CareHomeApi } from '../../../../../common/ipc/client';
import { HTML_SECTIONS, type HtmlSectionCode } from '../../../../../common/ipc/channels/records';
import { ErrorPanel, Loading } from '../../../components/panels';
import { useLoad } from '../../../components/useLoad';
import { RecordAgeLine } from '../record-age';
import { residentsHref } from '../residents-path';
import { gpHtmlDocument, sanitiseGpHtml } from './sanitise-gp-html';

export const PRACTICE_SECTION_LABELS: Record<HtmlSectionCode, string> = {
  SUM: 'Summary',
  PRB: 'Problems',
  MED: 'Medication',
  ALL: 'Allergies',
  CLI: 'Clinical items',
  ENC: 'Encounters',
  IMM: 'Immunisations',
  OBS: 'Observations',
  REF: 'Referrals',
  ADM: 'Administrative items',
};

export function PracticeView({
  api,
  residentId,
  section,
}: {
  api: CareHomeApi;
  residentId: number;
  section: HtmlSectionCode;
}) {
  const [loaded, reload] = useLoad(() => api.records.htmlSection({ residentId, section }));
  const label = PRACTICE_SECTION_LABELS[section];
  const html = loaded.status === 'ok' ? loaded.value.html : null;
  const srcDoc = useMemo(
    () =>
      html === null
        ? null
        : gpHtmlDocument(sanitiseGpHtml(html), label, new URL('gp-practice-view.css', document.baseURI).href),
    [html, label],
  );
  return (
    <section aria-labelledby="section-heading">
      <h2 id="section-heading">The practice&apos;s own view: {label.toLowerCase()}</h2>
      <p>
        This is the GP record as the practice&apos;s system lays it out. It is shown as text only: nothing in it can run
        or connect to the internet.
      </p>
      <nav aria-label="Parts of the practice's view">
        <ul className="app-record-tabs__list">
          {HTML_SECTIONS.map((code) => (
            <li key={code} className="app-record-tabs__item">
              <a
                className="app-record-tabs__link"
                href={residentsHref({ page: 'summary', residentId, section: null, practiceView: code })}
                aria-current={code === section ? 'page' : undefined}
              >
                {PRACTICE_SECTION_LABELS[code]}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {loaded.status === 'loading' ? <Loading what={`the practice's ${label.toLowerCase()}`} /> : null}
      {loaded.status === 'error' ? <ErrorPanel error={loaded.error} onRetry={reload} /> : null}
      {loaded.status === 'ok' ? (
        <>
          {loaded.value.provenance || loaded.value.lastError ? (
            <RecordAgeLine
              provenance={loaded.value.provenance}
              age={loaded.value.age}
              lastError={loaded.value.lastError}
            />
          ) : null}
          {srcDoc === null ? (
            <p>
              {loaded.value.hasAccessBasis
                ? `The practice's ${label.toLowerCase()} is not stored on this laptop yet.`
                : 'The GP record cannot be fetched until a nurse or manager records the basis for access.'}
            </p>
          ) : (
            <iframe
              className="app-practice-view"
              title={`GP practice's view: ${label}`}
              sandbox=""
              referrerPolicy="no-referrer"
              srcDoc={srcDoc}
            />
          )}
        </>
      ) : null}
    </section>
  );
}
