import { fill } from '../lib/format';
import { countTicked, firstUnfinished } from '../lib/progress';
import { dataJson, pageData, pageProgress } from './page-data';

interface Target {
  href: string;
  title: string;
}

/**
 * Points at the first chapter, in learning order, with unticked items. Until
 * the learner ticks anything it keeps its build-time text ("Start with …").
 */
class ContinueLink extends HTMLElement {
  private stop?: () => void;

  connectedCallback(): void {
    const link = this.querySelector('a');
    if (!link) return;
    const targets = dataJson<Record<string, Target>>(this, 'targets');
    const strings = dataJson<{ continue: string; allDone: string }>(this, 'strings');
    const startText = link.textContent;
    const { chapters } = pageData();

    this.stop = pageProgress().$progress.subscribe((doc) => {
      const next = firstUnfinished(doc, chapters);
      const target = targets[next?.id ?? this.dataset.first!]!;
      link.href = target.href;
      if (!next) link.textContent = fill(strings.allDone, { title: target.title });
      else if (countTicked(doc) === 0) link.textContent = startText;
      else link.textContent = `${fill(strings.continue, { title: target.title })} →`;
    });
  }

  disconnectedCallback(): void {
    this.stop?.();
  }
}

customElements.define('wm-continue', ContinueLink);
