import { own } from '../lib/dict';
import { itemKey } from '../lib/renames';
import { retiredMarks } from '../lib/retired';
import { dataJson, el, pageData, pageProgress } from './page-data';

interface Labels {
  /** Current chapter id → title in this language. */
  chapters: Record<string, string>;
  /** Removed item key (`chapter/item`) → the text its author left for it. */
  items: Record<string, string>;
}

/**
 * Lists ticks whose items the course no longer has, so a content change
 * never seems to lose them. Shown only when there are some.
 */
class RetiredItems extends HTMLElement {
  private stop?: () => void;

  connectedCallback(): void {
    const labels = dataJson<Labels>(this, 'labels');
    const ticked = this.dataset.ticked ?? '{{date}}';
    const section = el(this, 'section');
    const list = el(this, '[data-retired-list]');
    const { chapters } = pageData();
    const day = new Intl.DateTimeFormat(document.documentElement.lang, { dateStyle: 'medium' });

    this.stop = pageProgress().$progress.subscribe((doc) => {
      const retired = retiredMarks(doc, chapters);
      section.hidden = retired.length === 0;
      list.replaceChildren(
        ...retired.map(({ chapter, item, at }) => {
          const li = document.createElement('li');
          const what = document.createElement('span');
          what.className = 'item';
          // Without a text from the author, the id is all there is; shown as code so it reads as one.
          const text = own(labels.items, itemKey(chapter, item));
          if (text) what.textContent = text;
          else what.append(Object.assign(document.createElement('code'), { textContent: item }));
          const meta = document.createElement('span');
          meta.className = 'meta';
          const time = document.createElement('time');
          time.dateTime = at;
          time.textContent = day.format(new Date(at));
          const [before, after = ''] = ticked.split('{{date}}');
          meta.append(`${own(labels.chapters, chapter) ?? chapter} · ${before}`, time, after);
          li.append(what, meta);
          return li;
        }),
      );
    });
  }

  disconnectedCallback(): void {
    this.stop?.();
  }
}

customElements.define('wm-retired-items', RetiredItems);
