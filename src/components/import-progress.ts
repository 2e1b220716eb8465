import { fill } from '../lib/format';
import { shareFragment } from '../lib/share-link';
import { importSession, type ImportSession } from '../stores/import-session';
import { dataJson, el, pageData, pageProgress } from './page-data';
import { problemValues } from './problem-text';
import type { importStrings } from './progress-strings';
import type { UiStrings } from '../i18n/ui-strings';

/** Drops a `#share=` fragment from the address bar without adding a history entry or reloading. */
function clearShareFragment(): void {
  if (shareFragment(location.hash) !== undefined) history.replaceState(history.state, '', location.pathname + location.search);
}

const linkOnShow = (s: ImportSession) => (s.step === 'preview' || s.step === 'refused') && s.origin === 'link';

/**
 * Where an import starts: a file chosen here, or a share link opened on this
 * page (at load, or pasted into the address bar later). Says why one cannot
 * be used; the preview (`wm-import-preview`) shows what one would change.
 */
class ImportProgress extends HTMLElement {
  private stops: (() => void)[] = [];

  connectedCallback(): void {
    const session = importSession(pageProgress(), pageData().chapters);
    const strings = dataJson<UiStrings<typeof importStrings>>(this, 'strings');
    const lang = document.documentElement.lang;
    const input = el<HTMLInputElement>(this, 'input[type="file"]');
    const error = el(this, '[role="alert"]');

    input.addEventListener('change', () => void session.chooseFile(input.files?.[0]));
    const openLink = () => {
      const payload = shareFragment(location.hash);
      if (payload !== undefined) session.openLink(payload);
    };

    let before = session.$session.get();
    this.stops.push(
      session.$session.subscribe((now) => {
        error.hidden = now.step !== 'refused';
        if (now.step === 'refused') {
          error.textContent =
            now.origin === 'file'
              ? `${fill(strings.fileProblems[now.problem.code], problemValues(now.problem, lang))} ${strings.unchanged}`
              : `${fill(strings.linkError, { reason: fill(strings.linkProblems[now.problem.code], problemValues(now.problem, lang)) })} ${strings.unchanged}`;
          // A link opens with the page, so its error may be far below what is on screen.
          if (now.origin === 'link') error.scrollIntoView({ block: 'center' });
        }
        // A link that was on show and is now put away (applied, cancelled, or a file chosen instead) leaves the address bar.
        if (before.step === 'preview' && before.origin === 'link' && !linkOnShow(now)) clearShareFragment();
        // The picker shows a file only while that file is what is on show.
        if (now.step === 'idle' || now.step === 'done' || (now.step === 'preview' && now.origin === 'link')) input.value = '';
        // A preview put away without importing hands the learner back to the file picker.
        if (before.step === 'preview' && now.step === 'idle') input.focus();
        before = now;
      }),
    );

    input.disabled = false;
    openLink();
    // A link pasted into the address bar while this page is open changes only the fragment.
    window.addEventListener('hashchange', openLink);
    this.stops.push(() => window.removeEventListener('hashchange', openLink));
  }

  disconnectedCallback(): void {
    for (const stop of this.stops) stop();
    this.stops = [];
  }
}

customElements.define('wm-import-progress', ImportProgress);
