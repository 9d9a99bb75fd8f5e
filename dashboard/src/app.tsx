// The dashboard's frame: skip link, header (pages, language, sign-in), the page of the URL, footer.
import { useApolloClient } from '@apollo/client/react';
import { useId, useState } from 'react';
import { Link, SignedIn } from './components';
import { readToken, writeToken } from './client';
import { useLanguage } from './i18n';
import { DistrictPage } from './pages/district';
import { JobcenterPage } from './pages/jobcenter';
import { ResponsiblePage } from './pages/responsible';
import { useRoute } from './router';

function SignIn({ signedIn, onChange }: { signedIn: boolean; onChange: (token: string | undefined) => void }) {
  const { t } = useLanguage();
  const inputId = useId();
  const helpId = useId();
  const [text, setText] = useState('');
  if (signedIn)
    return (
      <div className="sign-in">
        <span className="signed-in" role="status">
          {t.signedIn}
        </span>{' '}
        <button type="button" onClick={() => onChange(undefined)}>
          {t.signOut}
        </button>
      </div>
    );
  return (
    <details className="sign-in">
      <summary>{t.signInSummary}</summary>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const token = text.trim().replace(/^Bearer\s+/i, '');
          if (token) onChange(token);
          setText('');
        }}
      >
        <label htmlFor={inputId}>{t.tokenLabel}</label>
        <input
          id={inputId}
          type="password"
          autoComplete="off"
          value={text}
          onChange={(event) => setText(event.target.value)}
          aria-describedby={helpId}
        />
        <p id={helpId} className="hint">
          {t.tokenHelp}
        </p>
        <button type="submit">{t.signIn}</button>
      </form>
    </details>
  );
}

export function App() {
  const { t, language, setLanguage } = useLanguage();
  const route = useRoute();
  const client = useApolloClient();
  const [signedIn, setSignedIn] = useState(() => !!readToken());
  const changeToken = (token: string | undefined) => {
    writeToken(token);
    // Answers fetched with another caller's rights must not be kept. Cleared first, then the pages ask
    // again with the new variables ($signedIn; the Jobcenter page remounts).
    void client
      .clearStore()
      .catch(() => undefined)
      .then(() => setSignedIn(!!token));
  };
  const pages = [
    { href: '/district', page: ['district'], text: t.navDistrict },
    { href: '/jobcenter', page: ['jobcenter'], text: t.navJobcenter },
    { href: '/responsible', page: ['responsible'], text: t.navResponsible },
  ];
  return (
    <>
      <a className="skip-link" href="#main">
        {t.skipToContent}
      </a>
      <header className="app-header">
        <div className="brand">
          <span className="brand-title">{t.appTitle}</span>
          <span className="brand-subtitle">{t.appSubtitle}</span>
        </div>
        <nav aria-label={t.mainNav}>
          <ul>
            {pages.map((entry) => (
              <li key={entry.href}>
                <Link href={entry.href} aria-current={entry.page.includes(route.page) ? 'page' : undefined}>
                  {entry.text}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="tools">
          <button
            type="button"
            lang={language === 'de' ? 'en' : 'de'}
            aria-label={t.switchLanguageLabel}
            onClick={() => setLanguage(language === 'de' ? 'en' : 'de')}
          >
            {t.switchLanguage}
          </button>
          <SignIn signedIn={signedIn} onChange={changeToken} />
        </div>
      </header>
      <SignedIn.Provider value={signedIn}>
        <main id="main" tabIndex={-1}>
          {route.page === 'jobcenter' ? (
            <JobcenterPage id={route.id} signedIn={signedIn} />
          ) : route.page === 'responsible' ? (
            <ResponsiblePage key={window.location.search} route={route} />
          ) : (
            <DistrictPage id={route.id} />
          )}
        </main>
      </SignedIn.Provider>
      <footer className="app-footer">
        <p>{t.footer}</p>
      </footer>
    </>
  );
}
