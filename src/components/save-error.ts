import type { SaveError as SaveErrorCode } from '../stores/storage';
import { dataJson, el, pageProgress } from './page-data';
import type { saveErrorStrings } from './progress-strings';
import type { UiStrings } from '../i18n/ui-strings';

/** Says when this browser's storage refused the last change, or refuses all of them. */
class SaveError extends HTMLElement {
  private stop?: () => void;

  connectedCallback(): void {
    const strings = dataJson<UiStrings<typeof saveErrorStrings>>(this, 'strings');
    const notice = el(this, '[role="alert"]');
    this.stop = pageProgress().$saveError.subscribe((error: SaveErrorCode | null) => {
      notice.hidden = !error;
      notice.textContent = error ? strings[error] : '';
    });
  }

  disconnectedCallback(): void {
    this.stop?.();
  }
}

customElements.define('wm-save-error', SaveError);
