/**
 * The pages of a signed-in session, addressed by the URL's #fragment
 * ("#/staff"). The menu only offers what the role may use; main still checks
 * every call, so a page reached some other way shows main's refusal.
 */
import type { RoleName } from '../../../common/ipc/types';

export type RouteName = 'residents' | 'staff' | 'settings' | 'nursing' | 'observations' | 'mail' | 'assessments';

export interface RouteSpec {
  readonly name: RouteName;
  readonly label: string;
  /** Who sees it in the menu. */
  readonly menuFor: readonly RoleName[];
}

const EVERYONE: readonly RoleName[] = ['care_assistant', 'nurse', 'manager', 'it_admin'];
const MANAGERS_AND_IT: readonly RoleName[] = ['manager', 'it_admin'];

export const ROUTES: readonly RouteSpec[] = [
  { name: 'residents', label: 'Residents', menuFor: EVERYONE },
  { name: 'nursing', label: 'District nurses', menuFor: ['care_assistant', 'nurse', 'manager'] },
  { name: 'observations', label: 'Observations', menuFor: ['care_assistant', 'nurse', 'manager'] },
  { name: 'mail', label: 'Mail', menuFor: EVERYONE },
  { name: 'assessments', label: 'Assessments', menuFor: ['care_assistant', 'nurse', 'manager'] },
  { name: 'staff', label: 'Staff', menuFor: MANAGERS_AND_IT },
  { name: 'settings', label: 'Settings and audit', menuFor: MANAGERS_AND_IT },
];

export const HOME_ROUTE: RouteName = 'residents';

export function hrefFor(route: RouteName): string {
  return `#/${route}`;
}

export function routeFromHash(hash: string): RouteName {
  const name = hash.replace(/^#\/?/, '');
  return ROUTES.find((route) => route.name === name)?.name ?? HOME_ROUTE;
}

export function menuFor(role: RoleName): readonly RouteSpec[] {
  return ROUTES.filter((route) => route.menuFor.includes(role));
}
