/** The page for the current menu item. */
import type { CareHomeApi } from '../../../../common/ipc/client';
import type { SessionInfo } from '../../../../common/ipc/types';
import type { RouteName } from '../../app/routes';
import { SettingsAuditPage } from '../admin/SettingsAuditPage';
import { MailPage } from '../mail/MailPage';
import { AssessmentsPage } from '../assessments/AssessmentsPage';
import { NursingPage } from '../nursing/NursingPage';
import { ResidentsPage } from '../residents/ResidentsPage';
import { StaffPage } from '../staff/StaffPage';
import { ObservationsPage } from '../triage/ObservationsPage';

export function HomePage({ api, session, route }: { api: CareHomeApi; session: SessionInfo; route: RouteName }) {
  switch (route) {
    case 'residents':
      return <ResidentsPage api={api} session={session} />;
    case 'staff':
      return <StaffPage api={api} session={session} />;
    case 'settings':
      return <SettingsAuditPage api={api} />;
    case 'nursing':
      return <NursingPage api={api} />;
    case 'observations':
      return <ObservationsPage api={api} />;
    case 'mail':
      return <MailPage api={api} session={session} />;
    case 'assessments':
      return <AssessmentsPage api={api} session={session} />;
  }
}
