import { useEffect } from 'react';
import { useTheme, type ThemeChoice } from '../../app/use-theme.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { selectSetTheme } from '../../store/selectors.ts';

const NEXT: Record<ThemeChoice, ThemeChoice> = { system: 'light', light: 'dark', dark: 'system' };
const LABEL: Record<ThemeChoice, string> = { system: 'System', light: 'Light', dark: 'Dark' };

/** Cycles the colour theme: the system's, light, dark. */
export function ThemeToggle() {
  const { choice, setChoice, theme } = useTheme();
  const setTheme = useAppStore(selectSetTheme);
  useEffect(() => setTheme(theme), [theme, setTheme]);
  return (
    <button type="button" className="btn btn--small btn--quiet theme-toggle" onClick={() => setChoice(NEXT[choice])} aria-label={`Theme: ${LABEL[choice]}`} title={`Theme: ${LABEL[choice]} (click for ${LABEL[NEXT[choice]]})`}>
      <span aria-hidden="true">{theme === 'dark' ? '☾' : '☀'}</span>
    </button>
  );
}
