/**
 * Light, dark, or whatever the system says. The choice is kept under
 * `waymark:theme` (shared by every course on the origin); theme-init.js,
 * loaded in the page head, applies it before first paint.
 */
const KEY = 'waymark:theme';
type Theme = 'system' | 'light' | 'dark';

function stored(): Theme {
  try {
    const value = localStorage.getItem(KEY);
    return value === 'light' || value === 'dark' ? value : 'system';
  } catch {
    return 'system';
  }
}

function apply(theme: Theme): void {
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
}

class ThemeSelect extends HTMLElement {
  connectedCallback(): void {
    const select = this.querySelector('select');
    if (!select) return;
    select.value = stored();
    select.addEventListener('change', () => {
      const theme = select.value as Theme;
      apply(theme);
      try {
        if (theme === 'system') localStorage.removeItem(KEY);
        else localStorage.setItem(KEY, theme);
      } catch {
        // not remembered, but applied for this page
      }
    });
    this.hidden = false;
  }
}

customElements.define('wm-theme-select', ThemeSelect);
