import { fill } from '../lib/format';
import { countTicked } from '../lib/progress';
import { dataJson, el, pageProgress } from './page-data';
import type { resetStrings } from './progress-strings';
import type { UiStrings } from '../i18n/ui-strings';

/** Unticks everything, after asking; the status line (`wm-undo-status`) offers Undo. */
class ResetProgress extends HTMLElement {
  private stop?: () => void;

  connectedCallback(): void {
    const store = pageProgress();
    const strings = dataJson<UiStrings<typeof resetStrings>>(this, 'strings');
    const reset = el<HTMLButtonElement>(this, '[data-reset]');
    const confirm = el(this, '.confirm');
    const no = el<HTMLButtonElement>(this, '[data-no]');

    reset.addEventListener('click', () => {
      el(confirm, 'p').textContent = fill(strings.confirm, { count: countTicked(store.$progress.get()) });
      confirm.hidden = false;
      no.focus();
    });
    no.addEventListener('click', () => {
      confirm.hidden = true;
      reset.focus();
    });
    el(this, '[data-yes]').addEventListener('click', () => {
      store.reset();
      confirm.hidden = true;
    });
    this.stop = store.$progress.subscribe((doc) => {
      reset.disabled = countTicked(doc) === 0;
    });
  }

  disconnectedCallback(): void {
    this.stop?.();
  }
}

customElements.define('wm-reset-progress', ResetProgress);
