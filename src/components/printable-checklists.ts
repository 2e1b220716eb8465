import { fill } from '../lib/format';
import { isDone } from '../lib/progress';
import { learnerStore } from '../stores/learner';
import { dataJson, el, pageProgress } from './page-data';

interface Strings {
  date: string;
  done: string;
  notDone: string;
  summary: string;
  learner: string;
}

/**
 * Fills a printable checklist from the progress store: a tick in each done
 * item's box, each chapter's tally, today's date, the learner's name if they
 * gave one, and every chapter's full address for the paper copy.
 */
class Printable extends HTMLElement {
  private stop?: () => void;

  connectedCallback(): void {
    const store = pageProgress();
    const strings = dataJson<Strings>(this, 'strings');
    const lang = document.documentElement.lang;

    el(this, '[data-print-date]').textContent = fill(strings.date, {
      date: new Intl.DateTimeFormat(lang, { dateStyle: 'long' }).format(new Date()),
    });
    const name = learnerStore(store.courseId).$learner.get();
    if (name) el(this, '[data-print-learner]').textContent = fill(strings.learner, { name });
    for (const link of this.querySelectorAll<HTMLAnchorElement>('a[data-url]')) link.textContent = link.href;

    const sheets = [...this.querySelectorAll<HTMLElement>('[data-chapter]')];
    this.stop = store.$progress.subscribe((doc) => {
      for (const sheet of sheets) {
        const chapter = sheet.dataset.chapter!;
        const items = [...sheet.querySelectorAll<HTMLElement>('li[data-item]')];
        let done = 0;
        for (const li of items) {
          const ticked = isDone(doc, chapter, li.dataset.item!);
          if (ticked) done += 1;
          li.toggleAttribute('data-done', ticked);
          el(li, '[data-state]').textContent = ticked ? strings.done : strings.notDone;
        }
        const summary = el(sheet, '[data-summary]');
        summary.textContent = fill(strings.summary, { done, total: items.length });
        summary.hidden = false;
      }
    });

    const print = el<HTMLButtonElement>(this, '[data-print]');
    print.addEventListener('click', () => window.print());
    print.disabled = false;
  }

  disconnectedCallback(): void {
    this.stop?.();
  }
}

customElements.define('wm-printable', Printable);
