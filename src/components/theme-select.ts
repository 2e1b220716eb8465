/**
 * Light, dark, or whatever the system says: a select bound to the theme
 * preference (`src/stores/preferences.ts`). A choice applies at once, here
 * and in other open tabs; `src/stores/theme-init.js` applies it before first
 * paint on later pages.
 */
import { decodeTheme, preferences, type Theme } from '../stores/preferences';

function apply(theme: Theme): void {
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
}

class ThemeSelect extends HTMLElement {
  private stop?: () => void;

  connectedCallback(): void {
    const select = this.querySelector('select');
    if (!select) return;
    const { $theme, setTheme } = preferences();
    select.addEventListener('change', () => setTheme(decodeTheme(select.value)));
    this.stop = $theme.subscribe((theme) => {
      select.value = theme;
      apply(theme);
    });
    this.hidden = false;
  }

  disconnectedCallback(): void {
    this.stop?.();
  }
}

customElements.define('wm-theme-select', ThemeSelect);
