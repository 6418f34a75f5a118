/**
 * The residents pages: the list (current, prospective and former residents
 * apart), admitting a resident, a resident's summary and its sections, and
 * recording the basis for reading their GP record. Which one shows follows
 * the address (see residents-path.ts).
 */
import { useEffect } from 'react';
import type { CareHomeApi } from '../../../../common/ipc/client';
import type { SessionInfo } from '../../../../common/ipc/types';
import { AccessBasisPage } from './AccessBasisPage';
import { AdmitResidentPage } from './AdmitResidentPage';
import { ResidentListPage } from './ResidentListPage';
import { ResidentSummaryPage } from './ResidentSummaryPage';
import { residentsHref, useResidentsPath } from './residents-path';
import './residents.css';

export function ResidentsPage({ api, session }: { api: CareHomeApi; session: SessionInfo }) {
  const path = useResidentsPath();
  const key = residentsHref(path);
  // A new page within Residents: move focus to its heading, as the app does between menu pages.
  useEffect(() => {
    const heading = document.querySelector('main h1');
    if (heading instanceof HTMLElement && !document.activeElement?.closest('main form')) {
      heading.tabIndex = -1;
      heading.focus();
    }
  }, [key]);
  const canDecide = session.role === 'nurse' || session.role === 'manager';
  switch (path.page) {
    case 'list':
      return <ResidentListPage api={api} canAdmit={canDecide} />;
    case 'admit':
      return <AdmitResidentPage api={api} />;
    case 'access':
      return <AccessBasisPage key={key} api={api} residentId={path.residentId} />;
    case 'summary':
      return (
        <ResidentSummaryPage
          key={path.residentId}
          api={api}
          residentId={path.residentId}
          section={path.section}
          practiceView={path.practiceView ?? null}
          canDecide={canDecide}
        />
      );
  }
}
