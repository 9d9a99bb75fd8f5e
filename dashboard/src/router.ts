// Path routing with the History API: every page and every choice has its own URL to bookmark and share
// (/district/muenster-nord, /district/ags-05562 for Kreis Recklinghausen, /jobcenter/jobcenter-muenster,
// /responsible?postcode=48159). The dashboard server answers every such path with index.html.
import { useCallback, useEffect, useState } from 'react';

export interface Route {
  page: 'district' | 'jobcenter' | 'responsible';
  id?: string;
  params: URLSearchParams;
}

export function parseRoute(location: Location): Route {
  const [first, second] = location.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const params = new URLSearchParams(location.search);
  if (first === 'jobcenter') return { page: 'jobcenter', id: second, params };
  if (first === 'responsible') return { page: 'responsible', params };
  return { page: 'district', id: first === 'district' ? second : undefined, params };
}

export function navigate(href: string): void {
  window.history.pushState(null, '', href);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location));
  useEffect(() => {
    const update = () => setRoute(parseRoute(window.location));
    window.addEventListener('popstate', update);
    return () => window.removeEventListener('popstate', update);
  }, []);
  return route;
}

/** onClick for an <a href>: navigates in the page (a plain link still works with a modifier key or without JavaScript). */
export function useLinkHandler() {
  return useCallback((event: React.MouseEvent<HTMLAnchorElement>) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const href = event.currentTarget.getAttribute('href');
    if (!href || !href.startsWith('/')) return;
    event.preventDefault();
    navigate(href);
  }, []);
}
