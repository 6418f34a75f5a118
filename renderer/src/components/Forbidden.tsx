/** What a staff member sees when main refuses a page for their role. */
import { usePageTitle } from './Frame';

export const FORBIDDEN_HEADING = 'You do not have permission to see this page';

export function Forbidden({ message }: { message: string }) {
  usePageTitle('No permission');
  return (
    <>
      <h1>{FORBIDDEN_HEADING}</h1>
      <p>{message}</p>
      <p>If you think you should be able to see it, ask the home manager.</p>
      <p>
        <a href="#/residents">Go to the residents list</a>
      </p>
    </>
  );
}
