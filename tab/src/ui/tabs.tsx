import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useRef, type KeyboardEvent } from 'react';

const useStyles = makeStyles({
  list: { display: 'flex', flexWrap: 'wrap', gap: '0 2px', borderBottom: `1px solid ${tokens.colorNeutralStroke1}` },
  tab: {
    appearance: 'none',
    border: 'none',
    background: 'transparent',
    color: tokens.colorNeutralForeground2,
    font: 'inherit',
    fontSize: tokens.fontSizeBase300,
    padding: '8px 6px',
    cursor: 'pointer',
    borderBottom: '3px solid transparent',
    // No hover background: in high contrast it is bright cyan under white text. An underline marks hover instead.
    ':hover': { color: tokens.colorNeutralForeground1, borderBottomColor: tokens.colorNeutralStroke1Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  },
  selected: {
    color: tokens.colorNeutralForeground1,
    fontWeight: tokens.fontWeightSemibold,
    borderBottom: `3px solid ${tokens.colorCompoundBrandStroke}`,
    ':hover': { borderBottomColor: tokens.colorCompoundBrandStrokeHover },
  },
});

/**
 * A tab strip (WAI-ARIA tabs pattern: one tab stop, arrow keys move, Home/End). Written here rather than
 * Fluent's TabList, whose focus helper adds hidden focusable elements that axe reports (aria-hidden-focus).
 */
export function Tabs<T extends string>({ value, onChange, items, label }: { value: T; onChange: (v: T) => void; items: { value: T; label: string }[]; label: string }) {
  const s = useStyles();
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const move = (e: KeyboardEvent, i: number) => {
    const n = items.length;
    const to = e.key === 'ArrowRight' ? (i + 1) % n : e.key === 'ArrowLeft' ? (i - 1 + n) % n : e.key === 'Home' ? 0 : e.key === 'End' ? n - 1 : -1;
    if (to < 0) return;
    e.preventDefault();
    refs.current[to]?.focus();
    onChange(items[to]!.value);
  };
  return (
    <div role="tablist" aria-label={label} className={s.list}>
      {items.map((it, i) => (
        <button
          key={it.value}
          ref={(el) => {
            refs.current[i] = el;
          }}
          type="button"
          role="tab"
          aria-selected={it.value === value}
          tabIndex={it.value === value ? 0 : -1}
          className={mergeClasses(s.tab, it.value === value && s.selected)}
          onClick={() => onChange(it.value)}
          onKeyDown={(e) => move(e, i)}
        >
          {it.label}
        </button>
      ))}
    </div>
  );
}
