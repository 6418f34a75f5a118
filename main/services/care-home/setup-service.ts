/**
 * First run: creates the care home and its first manager, or the demo care
 * home. Both refuse once a care home exists, so that setup can never run over
 * a home that is already in use.
 */
import { CareHomeError } from '../../../common/ipc/result';
import type { DemoHomeCreated } from '../../../common/ipc/types';
import type { AuditLog } from '../audit/audit-log';
import { hashSecret } from '../auth/secret-hash';
import { DEMO_CARE_HOME_NAME, DEMO_STAFF, demoResidents } from '../demo/demo-care-home';
import { insertResident } from '../residents/residents-repository';
import { addDemoNursingVisits } from '../nursing/demo-nursing';
import { seedDemoGpRecords } from '../records/demo-gp-records';
import type { WritableDB } from '../store/database';
import { insertStaff } from '../staff/staff-repository';
import { findCareHome, insertCareHome } from './care-home-repository';
import { addDemoAssessments } from '../assessments/demo-assessments';

export class SetupService {
  constructor(
    private readonly db: WritableDB,
    private readonly audit: AuditLog,
    private readonly now: () => Date,
  ) {}

  async createCareHome(setup: {
    careHomeName: string;
    odsCode?: string | undefined;
    managerName: string;
    managerSecret: string;
  }): Promise<{ staffId: number; displayName: string }> {
    this.refuseIfSetUp();
    const secretHash = await hashSecret(setup.managerSecret);
    const at = this.now().toISOString();
    return this.db.transaction(() => {
      this.refuseIfSetUp(); // again, inside the transaction, in case two windows raced
      insertCareHome(this.db, { name: setup.careHomeName, odsCode: setup.odsCode ?? null, isDemo: false }, at);
      const staffId = insertStaff(this.db, {
        displayName: setup.managerName,
        role: 'manager',
        secretHash,
        createdAt: at,
      });
      const actor = { staffId, displayName: setup.managerName };
      this.audit.append({ actor, action: 'care_home.created', detail: setup.careHomeName });
      this.audit.append({
        actor,
        action: 'staff.added',
        subject: `staff:${staffId}`,
        detail: `${setup.managerName} (manager)`,
      });
      return actor;
    })();
  }

  async createDemoCareHome(): Promise<DemoHomeCreated> {
    this.refuseIfSetUp();
    const hashes = await Promise.all(DEMO_STAFF.map((s) => hashSecret(s.demoPin)));
    const residents = demoResidents();
    const at = this.now().toISOString();
    const staff = this.db.transaction(() => {
      this.refuseIfSetUp();
      insertCareHome(this.db, { name: DEMO_CARE_HOME_NAME, odsCode: null, isDemo: true }, at);
      this.audit.append({ actor: null, action: 'care_home.created', detail: `${DEMO_CARE_HOME_NAME}: demo` });
      const created = DEMO_STAFF.map((s, i) => ({
        staffId: insertStaff(this.db, {
          displayName: s.displayName,
          role: s.role,
          secretHash: hashes[i]!,
          createdAt: at,
        }),
        displayName: s.displayName,
        role: s.role,
        demoPin: s.demoPin,
      }));
      for (const resident of residents) insertResident(this.db, resident, at);
      addDemoNursingVisits(this.db, this.now());
      seedDemoGpRecords(this.db, this.now());
      addDemoAssessments(this.db, this.now());
      return created;
    })();
    return { careHomeName: DEMO_CARE_HOME_NAME, staff, residentCount: residents.length };
  }

  private refuseIfSetUp(): void {
    if (findCareHome(this.db)) {
      throw new CareHomeError('conflict', 'This laptop already has a care home set up. Sign in instead.');
    }
  }
}
