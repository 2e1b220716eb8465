/**
 * Links to the same page in the course's other languages. A click remembers
 * the choice (`src/stores/preferences.ts`), so the site root sends the
 * learner back to it, and carries a share link being previewed along, so it
 * stays open in the other language.
 */
import { isLocale } from '../config/locales';
import { preferences } from '../stores/preferences';

class LanguageSwitch extends HTMLElement {
  connectedCallback(): void {
    for (const link of this.querySelectorAll<HTMLAnchorElement>('a[data-wm-locale]')) {
      link.addEventListener('click', () => {
        if (location.hash.startsWith('#share=')) link.hash = location.hash;
        const locale = link.dataset.wmLocale ?? '';
        if (isLocale(locale)) preferences().setLocale(locale);
      });
    }
  }
}

customElements.define('wm-language-switch', LanguageSwitch);
