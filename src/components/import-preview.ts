import { own } from '../lib/dict';
import { fill, formatPlural } from '../lib/format';
import type { ItemRef, ProgressDoc } from '../lib/progress';
import { importSession, type ImportPreview as Preview, type ImportSession } from '../stores/import-session';
import { dataJson, el, pageData, pageProgress } from './page-data';
import type { previewStrings } from './progress-strings';
import type { UiStrings } from '../i18n/ui-strings';

type Labels = Record<string, { title: string; items: Record<string, string> }>;

/**
 * What an import would change, in the mode the learner picks, kept up to
 * date with the progress store; Import applies it, Cancel puts it away.
 */
class ImportPreview extends HTMLElement {
  private stops: (() => void)[] = [];

  connectedCallback(): void {
    const session = importSession(pageProgress(), pageData().chapters);
    const strings = dataJson<UiStrings<typeof previewStrings>>(this, 'strings');
    const labels = dataJson<Labels>(this, 'labels');
    const lang = document.documentElement.lang;
    const date = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' });
    const form = el<HTMLFormElement>(this, 'form');
    const title = el(this, '#preview-title');
    const source = el(this, '[data-source]');
    const changes = el(this, '[data-changes]');

    const listItems = (refs: ItemRef[]) => {
      const list = document.createElement('ul');
      for (const ref of refs) {
        // Ids from a file may be anything, `constructor` included: only the course's own labels count.
        const chapter = own(labels, ref.chapter);
        const li = document.createElement('li');
        li.textContent = chapter ? `${chapter.title}: ${own(chapter.items, ref.item) ?? ref.item}` : `${ref.chapter}: ${ref.item}`;
        list.append(li);
      }
      return list;
    };

    const renderChanges = (preview: Preview) => {
      changes.replaceChildren();
      if (!preview.willTick.length && !preview.willUntick.length) {
        changes.append(Object.assign(document.createElement('p'), { textContent: strings.noChange }));
        return;
      }
      for (const [refs, forms] of [
        [preview.willTick, strings.willTick],
        [preview.willUntick, strings.willUntick],
      ] as const) {
        if (refs.length) changes.append(Object.assign(document.createElement('p'), { textContent: formatPlural(forms, refs.length, lang) }), listItems(refs));
      }
    };

    const renderSource = (now: Extract<ImportSession, { step: 'preview' }>, preview: Preview) => {
      const ticked = formatPlural(strings.tickedCount, preview.ticked, lang);
      source.textContent =
        now.origin === 'link'
          ? fill(strings.link, { ticked })
          : fill(strings.file, { date: now.exportedAt ? date.format(new Date(now.exportedAt)) : '?', ticked });
    };

    // The record on show, so that only a newly opened link takes the focus, not a mode switch or a tick elsewhere.
    let shown: ProgressDoc | undefined;
    this.stops.push(
      session.$preview.subscribe((preview) => {
        const now = session.$session.get();
        form.hidden = !preview || now.step !== 'preview';
        if (!preview || now.step !== 'preview') {
          shown = undefined;
          return;
        }
        renderSource(now, preview);
        renderChanges(preview);
        // A link arrives with the page, not from a click here: bring its preview into view and hand it the focus.
        if (now.origin === 'link' && now.incoming !== shown) {
          title.scrollIntoView({ block: 'start' });
          title.focus({ preventScroll: true });
        }
        shown = now.incoming;
      }),
    );

    form.addEventListener('change', () => session.setMode(new FormData(form).get('mode') === 'replace' ? 'replace' : 'merge'));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      session.apply();
    });
    el(this, '[data-cancel]').addEventListener('click', () => session.cancel());
  }

  disconnectedCallback(): void {
    for (const stop of this.stops) stop();
    this.stops = [];
  }
}

customElements.define('wm-import-preview', ImportPreview);
