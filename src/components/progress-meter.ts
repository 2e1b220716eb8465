import { fill, formatPlural } from '../lib/format';
import { tallyCourse } from '../lib/progress';
import { dataJson, pageData, pageProgress } from './page-data';

interface MeterStrings {
  count: string;
  left: Record<string, string>;
  complete: string;
}

/** Shows "3 of 7 done · 4 steps left" and a bar for one chapter or the course, live. */
class ProgressMeter extends HTMLElement {
  private stop?: () => void;

  connectedCallback(): void {
    const bar = this.querySelector('progress');
    const text = this.querySelector<HTMLElement>('.text');
    if (!bar || !text) return;
    const strings = dataJson<MeterStrings>(this, 'strings');
    const lang = document.documentElement.lang;
    const chapterId = this.dataset.chapter;
    const { chapters } = pageData();
    const scope = chapterId ? chapters.filter((c) => c.id === chapterId) : chapters;

    this.stop = pageProgress().$progress.subscribe((doc) => {
      const { done, total } = tallyCourse(doc, scope);
      bar.max = Math.max(total, 1);
      bar.value = done;
      bar.hidden = false;
      const left = total - done;
      const count = fill(strings.count, { done, total });
      text.textContent = left === 0 && total > 0 ? `${count} · ${strings.complete}` : `${count} · ${formatPlural(strings.left, left, lang)}`;
      this.toggleAttribute('data-complete', total > 0 && left === 0);
    });
  }

  disconnectedCallback(): void {
    this.stop?.();
  }
}

customElements.define('wm-progress', ProgressMeter);
