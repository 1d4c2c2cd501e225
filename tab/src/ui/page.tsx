import { Link, makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { useLocale, useT } from '../i18n/locale';

const useStyles = makeStyles({
  main: { padding: '12px 16px 32px', maxWidth: '1100px', display: 'flex', flexDirection: 'column', gap: '16px' },
  header: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: '8px 16px' },
  h1: { margin: 0, fontSize: tokens.fontSizeBase500, lineHeight: tokens.lineHeightBase500, fontWeight: tokens.fontWeightSemibold },
  sub: { color: tokens.colorNeutralForeground2 },
  section: { display: 'flex', flexDirection: 'column', gap: '8px' },
  h2: { margin: 0, fontSize: tokens.fontSizeBase400, lineHeight: tokens.lineHeightBase400, fontWeight: tokens.fontWeightSemibold },
  row: { display: 'flex', flexWrap: 'wrap', gap: '8px', alignItems: 'end' },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '6px' },
  card: { border: `1px solid ${tokens.colorNeutralStroke1}`, borderRadius: tokens.borderRadiusMedium, padding: '8px 12px', backgroundColor: tokens.colorNeutralBackground1 },
  active: { border: `2px solid ${tokens.colorBrandStroke1}` },
  muted: { color: tokens.colorNeutralForeground2 },
  table: { borderCollapse: 'collapse', width: '100%', '& th, & td': { textAlign: 'left', padding: '4px 8px', borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, verticalAlign: 'top' } },
  strike: { textDecorationLine: 'line-through' },
  error: { color: tokens.colorPaletteRedForeground1, fontSize: tokens.fontSizeBase200 },
});

export const usePageStyles = useStyles;

/** A page: one <main> landmark with one h1, so screen readers and keyboard users find their way. */
export function Page({ title, subtitle, aside, children }: { title: string; subtitle?: ReactNode; aside?: ReactNode; children: ReactNode }) {
  const s = useStyles();
  const t = useT();
  const locale = useLocale();
  return (
    <main className={s.main}>
      <header className={s.header}>
        <h1 className={s.h1}>{title}</h1>
        {aside}
        {subtitle ? <div className={s.sub}>{subtitle}</div> : null}
      </header>
      {children}
      <footer className={s.sub}>
        {/* The accessibility statement (DOS-lagen), served by the app, with the way to report a problem. */}
        <Link href={`/accessibility${locale === 'en' ? '#en' : ''}`} target="_blank" rel="noopener" data-accessibility-link>
          {t('accessibilityStatement')}
        </Link>
      </footer>
    </main>
  );
}

export function Section({ title, children, id }: { title: string; children: ReactNode; id?: string }) {
  const s = useStyles();
  const hid = `${id ?? title.replace(/\W+/g, '-').toLowerCase()}-h`;
  return (
    <section className={s.section} aria-labelledby={hid}>
      <h2 id={hid} className={s.h2}>
        {title}
      </h2>
      {children}
    </section>
  );
}
