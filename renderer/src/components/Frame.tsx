/**
 * The frame of every screen: skip link, header, one <main> landmark.
 * Header and navigation follow the NHS design system's header component,
 * without the NHS logo (this app belongs to the care home, not the NHS).
 */
import { useEffect, type MouseEvent, type ReactNode } from 'react';
import { ROLE_LABELS, type SessionInfo } from '../../../common/ipc/types';

export const MAIN_ID = 'maincontent';

function focusMain(event: MouseEvent<HTMLAnchorElement>): void {
  // The address bar's #fragment is used for pages, so move focus without changing it.
  event.preventDefault();
  const main = document.getElementById(MAIN_ID);
  if (main) {
    main.focus();
    main.scrollIntoView?.({ block: 'start' });
  }
}

export function SkipLink() {
  return (
    <a className="nhsuk-skip-link" href={`#${MAIN_ID}`} onClick={focusMain}>
      Skip to main content
    </a>
  );
}

export interface NavItem {
  readonly href: string;
  readonly label: string;
  readonly current: boolean;
  /** Called when the current page's own menu item is chosen again (to load it afresh). */
  readonly onReselect?: () => void;
}

export interface HeaderAccount {
  readonly session: SessionInfo;
  readonly onLock: () => void;
  readonly onSignOut: () => void;
}

function UserIcon() {
  return (
    <svg
      className="nhsuk-icon nhsuk-icon--user"
      xmlns="http://www.w3.org/2000/svg"
      viewBox="0 0 24 24"
      width="16"
      height="16"
      focusable="false"
      aria-hidden="true"
    >
      <path d="M12 1a11 11 0 1 1 0 22 11 11 0 0 1 0-22Zm0 2a9 9 0 0 0-5 16.5V18a4 4 0 0 1 4-4h2a4 4 0 0 1 4 4v1.5A9 9 0 0 0 12 3Zm0 3a3.5 3.5 0 1 1-3.5 3.5A3.4 3.4 0 0 1 12 6Z" />
    </svg>
  );
}

export function Header({
  careHomeName,
  account,
  nav,
}: {
  careHomeName?: string | null;
  account?: HeaderAccount;
  nav?: readonly NavItem[];
}) {
  return (
    <header className="nhsuk-header app-header">
      <div className="nhsuk-header__container nhsuk-width-container">
        <div className="nhsuk-header__service app-header__service">
          <span className="nhsuk-header__service-name app-header__service-name">Care Home Desktop</span>
          {careHomeName ? <span className="app-header__care-home">{careHomeName}</span> : null}
        </div>
        {account ? (
          <div className="nhsuk-header__account app-header__account">
            <ul className="nhsuk-header__account-list">
              <li className="nhsuk-header__account-item app-header__who">
                <UserIcon />
                <span>
                  <span className="nhsuk-u-visually-hidden">Signed in as </span>
                  <span className="app-header__who-name">{account.session.displayName}</span>
                  <span className="nhsuk-u-visually-hidden">, </span>
                  <span className="app-header__who-role">{ROLE_LABELS[account.session.role]}</span>
                </span>
              </li>
              <li className="nhsuk-header__account-item">
                <button
                  type="button"
                  className="nhsuk-header__account-button app-header__button"
                  onClick={account.onLock}
                >
                  Lock screen
                </button>
              </li>
              <li className="nhsuk-header__account-item">
                <button
                  type="button"
                  className="nhsuk-header__account-button app-header__button"
                  onClick={account.onSignOut}
                >
                  Sign out
                </button>
              </li>
            </ul>
          </div>
        ) : null}
      </div>
      {nav && nav.length > 0 ? (
        <nav className="nhsuk-header__navigation app-header__navigation" aria-label="Main menu">
          <div className="nhsuk-header__navigation-container nhsuk-width-container">
            <ul className="nhsuk-header__navigation-list app-header__navigation-list">
              {nav.map((item) => (
                <li
                  key={item.href}
                  className={`nhsuk-header__navigation-item${item.current ? ' nhsuk-header__navigation-item--current' : ''}`}
                >
                  <a
                    className="nhsuk-header__navigation-link app-header__navigation-link"
                    href={item.href}
                    aria-current={item.current ? 'page' : undefined}
                    onClick={item.current ? item.onReselect : undefined}
                  >
                    {item.label}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        </nav>
      ) : null}
    </header>
  );
}

/** Skip link, header, and the <main> landmark that every page's content goes in. */
export function Frame({ header, children }: { header: ReactNode; children: ReactNode }) {
  return (
    <>
      <SkipLink />
      {header}
      <div className="nhsuk-width-container">
        <main className="nhsuk-main-wrapper app-main" id={MAIN_ID} tabIndex={-1}>
          {children}
        </main>
      </div>
    </>
  );
}

/** Sets the window title: "Residents – Care Home Desktop". */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} – Care Home Desktop`;
  }, [title]);
}

/**
 * Moves keyboard and screen reader focus to the page's <h1> when `key` changes
 * (a new page or step), as the NHS design system advises for single-page apps,
 * unless something in the page has already taken focus (e.g. a PIN box).
 */
export function useFocusHeading(key: string): void {
  useEffect(() => {
    const main = document.getElementById(MAIN_ID);
    if (!main) return;
    const active = document.activeElement;
    if (active && active !== main && main.contains(active)) return;
    const heading = main.querySelector('h1');
    if (heading instanceof HTMLElement) {
      heading.tabIndex = -1;
      heading.focus({ preventScroll: false });
    }
  }, [key]);
}
