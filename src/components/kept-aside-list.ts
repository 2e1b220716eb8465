import { own } from '../lib/dict';
import { fill } from '../lib/format';
import type { KeptAside } from '../stores/kept-aside';
import { dataJson, el, pageProgress } from './page-data';
import { problemValues } from './problem-text';
import type { keptAsideStrings } from './progress-strings';
import { saveFile } from './save-file';
import type { UiStrings } from '../i18n/ui-strings';

function button(text: string, className: string, onClick: () => void): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = className;
  b.textContent = text;
  b.addEventListener('click', onClick);
  return b;
}

/** Data this browser held that could not be used: listed, offered as a download, discarded only by the learner. */
class KeptAsideList extends HTMLElement {
  private stop?: () => void;

  connectedCallback(): void {
    const store = pageProgress();
    const strings = dataJson<UiStrings<typeof keptAsideStrings>>(this, 'strings');
    const lang = document.documentElement.lang;
    const date = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' });
    const section = el(this, 'section');
    const list = el(this, 'ul');

    const entry = (kept: KeptAside) => {
      const li = document.createElement('li');
      const text = document.createElement('span');
      // Entries come from storage: a code from another version may have no words here; the code itself is shown then.
      const template = own<string>(strings.problems, kept.problem.code) ?? kept.problem.code;
      text.textContent = fill(strings.entry, { date: date.format(new Date(kept.keptAt)), reason: fill(template, problemValues(kept.problem, lang)) });
      const name = `${store.courseId}-kept-aside-${kept.keptAt.slice(0, 10)}.txt`;
      li.append(
        text,
        button(strings.download, 'button', () => saveFile(name, kept.raw, 'application/json')),
        button(strings.discard, 'button danger', () => store.discardKeptAside(kept.keptAt)),
      );
      return li;
    };

    this.stop = store.$keptAside.subscribe((entries) => {
      section.hidden = entries.length === 0;
      list.replaceChildren(...entries.map(entry));
    });
  }

  disconnectedCallback(): void {
    this.stop?.();
  }
}

customElements.define('wm-kept-aside-list', KeptAsideList);
