/**
 * Where in the residents pages the person is, from the address's #fragment:
 * "#/residents" (the list), "#/residents/new" (admit), "#/residents/12"
 * (a summary), "#/residents/12/medications" (one section in full),
 * "#/residents/12/practice/ALL" (one part of the practice's own HTML view),
 * "#/residents/12/access" (record the basis for access).
 */
import { useEffect, useState } from 'react';
import { HTML_SECTIONS, type HtmlSectionCode } from '../../../../common/ipc/channels/records';
import { GP_RECORD_SECTIONS, type GpRecordSection } from '../../../../common/records/gp-record';

export type ResidentsPath =
  | { readonly page: 'list' }
  | { readonly page: 'admit' }
  | {
      readonly page: 'summary';
      readonly residentId: number;
      readonly section: GpRecordSection | null;
      /** A part of the practice's own HTML view, instead of a section. */
      readonly practiceView?: HtmlSectionCode | null;
    }
  | { readonly page: 'access'; readonly residentId: number };

export function parseResidentsPath(hash: string): ResidentsPath {
  const parts = hash.replace(/^#\/?/, '').split('/');
  if (parts[0] !== 'residents' || !parts[1]) return { page: 'list' };
  if (parts[1] === 'new') return { page: 'admit' };
  const residentId = Number(parts[1]);
  if (!Number.isSafeInteger(residentId) || residentId <= 0) return { page: 'list' };
  if (parts[2] === 'access') return { page: 'access', residentId };
  if (parts[2] === 'practice') {
    const practiceView = HTML_SECTIONS.find((s) => s === parts[3]) ?? 'SUM';
    return { page: 'summary', residentId, section: null, practiceView };
  }
  const section = GP_RECORD_SECTIONS.find((s) => s === parts[2]) ?? null;
  return { page: 'summary', residentId, section };
}

export function residentsHref(path: ResidentsPath): string {
  switch (path.page) {
    case 'list':
      return '#/residents';
    case 'admit':
      return '#/residents/new';
    case 'access':
      return `#/residents/${path.residentId}/access`;
    case 'summary':
      if (path.practiceView) return `#/residents/${path.residentId}/practice/${path.practiceView}`;
      return `#/residents/${path.residentId}${path.section ? `/${path.section}` : ''}`;
  }
}

export function useResidentsPath(): ResidentsPath {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    const onChange = () => setHash(window.location.hash);
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return parseResidentsPath(hash);
}
