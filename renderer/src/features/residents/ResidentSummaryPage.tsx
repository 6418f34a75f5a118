/**
 * A resident's page: the banner (allergies always in view), how old the GP
 * record is, refresh, then current medications, active problems, recent
 * results and next actions; or one section of the record in full.
 * Everything shown comes from the store on this laptop, so it opens offline.
 */
import { useState } from 'react';
import type { CareHomeApi } from '../../../../common/ipc/client';
import type {
  HtmlSectionCode,
  RecordSummary,
  RefreshOutcome,
  ResidentPage,
} from '../../../../common/ipc/channels/records';
import type { IpcError } from '../../../../common/ipc/result';
import { GP_RECORD_SECTIONS, type GpRecordSection } from '../../../../common/records/gp-record';
import type { ResidentDetails } from '../../../../common/residents/resident';
import { usePageTitle } from '../../components/Frame';
import { ErrorPanel, Loading } from '../../components/panels';
import { useLoad, type Loaded } from '../../components/useLoad';
import { RecordAgeLine } from './record-age';
import { PracticeView } from './practice-view/PracticeView';
import { InvestigationList, MedicationList, ProblemList, SectionItems } from './record-items';
import { ResidentBanner } from './ResidentBanner';
import { useLoadAtOnce } from './use-load-at-once';
import { residentsHref } from './residents-path';

export const SECTION_LABELS: Record<GpRecordSection, string> = {
  allergies: 'Allergies',
  medications: 'Medications',
  problems: 'Problems',
  immunisations: 'Immunisations',
  investigations: 'Test results',
  consultations: 'Consultations',
  referrals: 'Referrals',
  documents: 'Documents',
};

export function ResidentSummaryPage({
  api,
  residentId,
  section,
  practiceView = null,
  canDecide,
}: {
  api: CareHomeApi;
  residentId: number;
  section: GpRecordSection | null;
  /** A part of the practice's own HTML view, shown instead of a section. */
  practiceView?: HtmlSectionCode | null;
  canDecide: boolean;
}) {
  // The whole first screen (banner, photo, summary, refresh status) in one request: one round trip, one audit row.
  const [page, reloadPage] = useLoadAtOnce(() => api.records.residentPage({ residentId }));
  const resident = partOf(page, (p) => p.resident);
  const photo = partOf(page, (p) => p.photo);
  const summary = partOf(page, (p) => p.summary);
  const status = partOf(page, (p) => p.refreshStatus);
  const [reloadResident, reloadSummary, reloadStatus] = [reloadPage, reloadPage, reloadPage];
  const [refreshing, setRefreshing] = useState(false);
  const [refreshed, setRefreshed] = useState<RefreshOutcome | IpcError | null>(null);
  usePageTitle(resident.status === 'ok' ? resident.value.displayName : 'Resident');

  if (resident.status === 'loading') return <Loading what="the resident" />;
  if (resident.status === 'error')
    return (
      <>
        <h1>Resident</h1>
        <ErrorPanel error={resident.error} onRetry={reloadResident} />
      </>
    );
  const details = resident.value;
  const record = summary.status === 'ok' ? summary.value : null;
  const offline = status.status === 'ok' && status.value.online === false;

  async function refresh() {
    setRefreshing(true);
    setRefreshed(null);
    const result = await api.records.refresh({ residentId });
    setRefreshing(false);
    setRefreshed(result.ok ? result.value : result.error);
    reloadSummary();
    reloadResident();
    reloadStatus();
  }

  return (
    <>
      <ResidentBanner resident={details} photo={photo.status === 'ok' ? photo.value : null} summary={record} />
      <div className="app-record-bar">
        {record ? <RecordAgeLine provenance={record.provenance} age={record.age} lastError={record.lastError} /> : null}
        <AccessAndRefresh
          resident={details}
          canDecide={canDecide}
          refreshing={refreshing}
          offline={offline}
          onRefresh={refresh}
        />
      </div>
      {refreshed ? <RefreshMessage outcome={refreshed} /> : null}
      <SectionTabs
        residentId={residentId}
        current={practiceView ? 'practice' : section}
        counts={record?.counts ?? null}
      />
      {practiceView ? (
        <PracticeView key={practiceView} api={api} residentId={residentId} section={practiceView} />
      ) : section ? (
        <SectionView key={section} api={api} residentId={residentId} section={section} />
      ) : (
        <SummaryBody summary={summary} onRetry={reloadSummary} />
      )}
    </>
  );
}

function AccessAndRefresh({
  resident,
  canDecide,
  refreshing,
  offline,
  onRefresh,
}: {
  resident: ResidentDetails;
  canDecide: boolean;
  refreshing: boolean;
  offline: boolean;
  onRefresh: () => void;
}) {
  if (resident.status === 'former')
    return <p>{resident.displayName} has left the home. This record is kept and cannot be changed.</p>;
  if (!resident.hasAccessBasis)
    return (
      <div className="app-record-bar__access">
        <p>
          <strong>The GP record cannot be fetched yet.</strong> First a nurse or manager must record the basis for
          access: {resident.displayName}&apos;s consent, or a best-interest decision.
        </p>
        {canDecide ? (
          <a
            className="nhsuk-button nhsuk-button--secondary"
            href={residentsHref({ page: 'access', residentId: resident.residentId })}
          >
            Record the basis for access
          </a>
        ) : (
          <p>Ask a nurse or the home manager to record it.</p>
        )}
      </div>
    );
  return (
    <div className="app-record-bar__refresh">
      {offline ? (
        <p className="app-offline" role="status">
          <strong>Offline:</strong> the laptop cannot reach the GP practice. You are seeing the record stored on this
          laptop.
        </p>
      ) : null}
      <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={onRefresh} disabled={refreshing}>
        {refreshing ? 'Refreshing…' : 'Refresh GP record'}
      </button>
      {refreshing ? (
        <p role="status" className="app-refreshing">
          <progress aria-label="Fetching the GP record from the practice" /> Fetching the GP record from the practice…
        </p>
      ) : null}
    </div>
  );
}

function RefreshMessage({ outcome }: { outcome: RefreshOutcome | IpcError }) {
  if ('code' in outcome)
    return (
      <p className="app-refresh-message app-refresh-message--failed" role="alert">
        {outcome.message}
      </p>
    );
  if (outcome.outcome === 'refreshed')
    return (
      <p className="app-refresh-message" role="status">
        The GP record has been refreshed.
      </p>
    );
  return (
    <p className="app-refresh-message app-refresh-message--failed" role="alert">
      The refresh did not work. The record stored before is still shown.
    </p>
  );
}

function SectionTabs({
  residentId,
  current,
  counts,
}: {
  residentId: number;
  current: GpRecordSection | 'practice' | null;
  counts: RecordSummary['counts'] | null;
}) {
  const tabs: Array<{ section: GpRecordSection | 'practice' | null; label: string }> = [
    { section: null, label: 'Summary' },
    ...GP_RECORD_SECTIONS.map((s) => ({
      section: s,
      label: counts && counts[s] !== undefined ? `${SECTION_LABELS[s]} (${counts[s]})` : SECTION_LABELS[s],
    })),
    { section: 'practice', label: "Practice's own view" },
  ];
  return (
    <nav className="app-record-tabs" aria-label="Sections of the GP record">
      <ul className="app-record-tabs__list">
        {tabs.map((tab) => (
          <li key={tab.section ?? 'summary'} className="app-record-tabs__item">
            <a
              className="app-record-tabs__link"
              href={residentsHref(
                tab.section === 'practice'
                  ? { page: 'summary', residentId, section: null, practiceView: 'SUM' }
                  : { page: 'summary', residentId, section: tab.section },
              )}
              aria-current={tab.section === current ? 'page' : undefined}
            >
              {tab.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** One part of the resident page's answer, loading or failed as the whole is. */
function partOf<T>(page: Loaded<ResidentPage>, pick: (page: ResidentPage) => T): Loaded<T> {
  return page.status === 'ok' ? { status: 'ok', value: pick(page.value) } : page;
}

function SummaryBody({ summary, onRetry }: { summary: Loaded<RecordSummary>; onRetry: () => void }) {
  if (summary.status === 'loading') return <Loading what="the GP record" />;
  if (summary.status === 'error') return <ErrorPanel error={summary.error} onRetry={onRetry} />;
  const record = summary.value;
  if (!record.provenance) return <p>There is nothing to show until the GP record has been fetched.</p>;
  return (
    <div className="app-summary-grid">
      <section aria-labelledby="current-medications">
        <h2 id="current-medications">Current medications</h2>
        {record.currentMedications.length ? (
          <MedicationList items={record.currentMedications} />
        ) : (
          <p>No current medications are recorded.</p>
        )}
      </section>
      <section aria-labelledby="active-problems">
        <h2 id="active-problems">Active problems</h2>
        {record.activeProblems.length ? (
          <ProblemList items={record.activeProblems} />
        ) : (
          <p>No active problems are recorded.</p>
        )}
      </section>
      <section aria-labelledby="recent-results">
        <h2 id="recent-results">Recent test results</h2>
        {record.recentResults.length ? (
          <InvestigationList items={record.recentResults} />
        ) : (
          <p>No test results are recorded.</p>
        )}
      </section>
      <section aria-labelledby="next-actions">
        <h2 id="next-actions">Next actions</h2>
        <p>
          Next actions from the district nurses are not shown yet. Check the GP record&apos;s referrals for planned
          care.
        </p>
      </section>
    </div>
  );
}

function SectionView({ api, residentId, section }: { api: CareHomeApi; residentId: number; section: GpRecordSection }) {
  const [loaded, reload] = useLoad(() => api.records.section({ residentId, section }));
  return (
    <section aria-labelledby="section-heading">
      <h2 id="section-heading">{SECTION_LABELS[section]}</h2>
      {loaded.status === 'loading' ? <Loading what={SECTION_LABELS[section].toLowerCase()} /> : null}
      {loaded.status === 'error' ? <ErrorPanel error={loaded.error} onRetry={reload} /> : null}
      {loaded.status === 'ok' ? <SectionItems section={loaded.value} /> : null}
    </section>
  );
}
