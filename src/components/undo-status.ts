import { importSession } from '../stores/import-session';
import { dataJson, el, pageData, pageProgress } from './page-data';
import type { undoStrings } from './progress-strings';
import type { UiStrings } from '../i18n/ui-strings';

/**
 * The status line under the progress tools: what the last reset or import
 * did, with Undo, and that Undo brought the earlier progress back. Cleared
 * when a new import starts, so it never describes an older one.
 */
class UndoStatus extends HTMLElement {
  private stops: (() => void)[] = [];

  connectedCallback(): void {
    const store = pageProgress();
    const session = importSession(store, pageData().chapters);
    const strings = dataJson<UiStrings<typeof undoStrings>>(this, 'strings');
    const text = el(this, 'span');
    const undo = el<HTMLButtonElement>(this, 'button');
    const say = (message: string, undoable: boolean) => {
      text.textContent = message;
      undo.hidden = !undoable;
    };

    undo.addEventListener('click', () => store.undo());
    this.stops.push(
      // Set only when a reset or an import was saved, and emptied only by Undo.
      store.$undo.listen((undoable) => {
        if (!undoable) return say(strings.undone, false);
        say(strings.done[undoable.action], true);
        undo.focus();
      }),
      session.$session.listen((now) => {
        if (now.step === 'preview' || now.step === 'refused') say('', false);
      }),
    );
  }

  disconnectedCallback(): void {
    for (const stop of this.stops) stop();
    this.stops = [];
  }
}

customElements.define('wm-undo-status', UndoStatus);
