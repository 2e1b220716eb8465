import { own } from '../lib/dict';
import { fill, formatBytes, formatPlural } from '../lib/format';
import { countTicked, diffProgress, mergeProgress, type ItemRef, type ProgressDoc } from '../lib/progress';
import { applyRenames } from '../lib/renames';
import { parseProgressFile, progressFileName, toProgressFile, type ReadProblem } from '../lib/progress-codec';
import { decodeShareLink, encodeShareLink, shareFragment, shareUrl, type ShareProblem } from '../lib/share-link';
import { learnerStore } from '../stores/learner';
import type { KeptAside } from '../stores/progress';
import { saveFile } from './save-file';
import { dataJson, el, pageData, pageProgress } from './page-data';

interface Strings {
  problems: Record<ReadProblem['code'], string>;
  unchanged: string;
  previewFile: string;
  tickedCount: Record<string, string>;
  willTick: Record<string, string>;
  willUntick: Record<string, string>;
  noChange: string;
  imported: string;
  resetConfirm: string;
  resetDone: string;
  undone: string;
  keptEntry: string;
  keptDownload: string;
  keptDiscard: string;
  saveQuota: string;
  saveBlocked: string;
  shareProblems: Record<ShareProblem['code'], string>;
  shareError: string;
  previewLink: string;
  copied: string;
  copyFailed: string;
}

type Labels = Record<string, { title: string; items: Record<string, string> }>;

const download = (name: string, text: string) => saveFile(name, text, 'application/json');

/** Drops a `#share=` fragment from the address bar without adding a history entry or reloading. */
function clearShareFragment(): void {
  if (shareFragment(location.hash) !== undefined) history.replaceState(history.state, '', location.pathname + location.search);
}

/** Export (with an optional name), share links, import with preview, reset with undo, and data kept aside. */
class ProgressManager extends HTMLElement {
  private stops: (() => void)[] = [];

  connectedCallback(): void {
    const store = pageProgress();
    const strings = dataJson<Strings>(this, 'strings');
    const labels = dataJson<Labels>(this, 'labels');
    const maxBytes = Number(this.dataset.maxBytes);
    const lang = document.documentElement.lang;
    const date = (iso: string) =>
      new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

    const status = el(this, '[data-status-text]');
    const undoButton = el<HTMLButtonElement>(this, '[data-undo]');
    const say = (message: string, undoable = false) => {
      status.textContent = message;
      undoButton.hidden = !undoable;
    };

    // Export, with the name the learner typed (remembered for next time).
    const learner = learnerStore(store.courseId);
    const learnerInput = el<HTMLInputElement>(this, '[data-learner]');
    learnerInput.value = learner.$learner.get();
    learnerInput.addEventListener('change', () => learner.setLearner(learnerInput.value));
    const exportButton = el<HTMLButtonElement>(this, '[data-export]');
    exportButton.addEventListener('click', () => {
      const now = new Date();
      learner.setLearner(learnerInput.value);
      const name = learnerInput.value;
      download(progressFileName(store.courseId, now, name), JSON.stringify(toProgressFile(store.$progress.get(), now, name), null, 2));
    });

    // Share link: built from the current progress, shown for copying.
    const course = { courseId: store.courseId, chapters: pageData().chapters };
    const shareButton = el<HTMLButtonElement>(this, '[data-share]');
    const shareOut = el(this, '[data-share-out]');
    const shareField = el<HTMLInputElement>(this, '[data-share-url]');
    const shareStatus = el(this, '[data-share-status]');
    const buildLink = () => {
      shareField.value = shareUrl(location.href, encodeShareLink(store.$progress.get(), course));
    };
    shareButton.addEventListener('click', () => {
      buildLink();
      shareStatus.textContent = '';
      shareOut.hidden = false;
      shareField.focus();
      shareField.select();
    });
    el(this, '[data-share-copy]').addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(shareField.value);
        shareStatus.textContent = strings.copied;
      } catch {
        shareField.focus();
        shareField.select();
        shareStatus.textContent = strings.copyFailed;
      }
    });

    // Import: read, validate, preview, then apply on submit.
    const fileInput = el<HTMLInputElement>(this, '[data-import-file]');
    const importError = el(this, '[data-import-error]');
    const preview = el<HTMLFormElement>(this, '[data-preview]');
    const previewFile = el(this, '[data-preview-file]');
    const changes = el(this, '[data-preview-changes]');
    let incoming: ProgressDoc | undefined;
    let fromLink = false;

    const showError = (problem: ReadProblem) => {
      const values: Record<string, string | number> = {};
      if (problem.code === 'too-large') {
        values.size = formatBytes(problem.bytes, lang);
        values.limit = formatBytes(problem.limit, lang);
      } else if (problem.code === 'other-course') values.courseId = problem.courseId;
      else if (problem.code === 'newer-version') values.version = problem.version;
      else if (problem.code === 'invalid') values.path = problem.path;
      importError.textContent = `${fill(strings.problems[problem.code], values)} ${strings.unchanged}`;
      importError.hidden = false;
      preview.hidden = true;
      incoming = undefined;
    };

    const mode = () => (new FormData(preview).get('mode') === 'replace' ? 'replace' : 'merge');

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

    const renderPreview = () => {
      if (!incoming) return;
      const current = store.$progress.get();
      const next = mode() === 'merge' ? mergeProgress(current, incoming) : incoming;
      const { ticked, unticked } = diffProgress(current, next);
      changes.replaceChildren();
      if (!ticked.length && !unticked.length) {
        const p = document.createElement('p');
        p.textContent = strings.noChange;
        changes.append(p);
        return;
      }
      for (const [refs, forms] of [
        [ticked, strings.willTick],
        [unticked, strings.willUntick],
      ] as const) {
        if (!refs.length) continue;
        const p = document.createElement('p');
        p.textContent = formatPlural(forms, refs.length, lang);
        changes.append(p, listItems(refs));
      }
    };

    const showPreview = () => {
      preview.hidden = false;
      renderPreview();
    };

    // A share link opened on this page: the same preview as a file.
    const openLink = () => {
      const payload = shareFragment(location.hash);
      if (payload === undefined) return;
      importError.hidden = true;
      say('');
      const result = decodeShareLink(payload, course);
      if (!result.ok) {
        const { problem } = result;
        const values: Record<string, string | number> =
          problem.code === 'too-long' ? { chars: problem.chars } : problem.code === 'newer-version' ? { version: problem.version } : {};
        importError.textContent = `${fill(strings.shareError, { reason: fill(strings.shareProblems[problem.code], values) })} ${strings.unchanged}`;
        importError.hidden = false;
        preview.hidden = true;
        incoming = undefined;
        importError.scrollIntoView({ block: 'center' });
        return;
      }
      incoming = result.doc;
      fromLink = true;
      fileInput.value = '';
      previewFile.textContent = fill(strings.previewLink, { ticked: formatPlural(strings.tickedCount, countTicked(incoming), lang) });
      showPreview();
      const title = el(this, '#preview-title');
      title.scrollIntoView({ block: 'start' });
      title.focus({ preventScroll: true });
    };

    fileInput.addEventListener('change', async () => {
      const file = fileInput.files?.[0];
      // Choosing a file instead of an opened link's preview puts the link away.
      if (fromLink) clearShareFragment();
      fromLink = false;
      importError.hidden = true;
      say('');
      if (!file) return;
      // The size is checked before reading, so a huge file is never loaded.
      const result = file.size > maxBytes ? parseProgressFile('', store.courseId, file.size) : parseProgressFile(await file.text(), store.courseId, file.size);
      if (!result.ok) {
        showError(result.problem);
        return;
      }
      // Ticks under renamed items show (and land) under their new ids.
      incoming = applyRenames(result.doc, store.renames);
      const exportedAt = result.exportedAt ?? (file.lastModified ? new Date(file.lastModified).toISOString() : '');
      previewFile.textContent = fill(strings.previewFile, { date: exportedAt ? date(exportedAt) : '?', ticked: formatPlural(strings.tickedCount, countTicked(incoming), lang) });
      showPreview();
    });
    preview.addEventListener('change', renderPreview);
    preview.addEventListener('submit', (event) => {
      event.preventDefault();
      if (!incoming) return;
      store.importProgress(incoming, mode());
      if (store.$saveError.get()) return;
      incoming = undefined;
      preview.hidden = true;
      fileInput.value = '';
      if (fromLink) clearShareFragment();
      say(strings.imported, true);
      undoButton.focus();
    });
    el(this, '[data-preview-cancel]').addEventListener('click', () => {
      incoming = undefined;
      preview.hidden = true;
      fileInput.value = '';
      if (fromLink) clearShareFragment();
      fileInput.focus();
    });

    // Reset, confirmed, then undoable.
    const resetButton = el<HTMLButtonElement>(this, '[data-reset]');
    const confirm = el(this, '[data-reset-confirm]');
    const question = el(this, '[data-reset-question]');
    resetButton.addEventListener('click', () => {
      question.textContent = fill(strings.resetConfirm, { count: countTicked(store.$progress.get()) });
      confirm.hidden = false;
      el<HTMLButtonElement>(this, '[data-reset-no]').focus();
    });
    el(this, '[data-reset-no]').addEventListener('click', () => {
      confirm.hidden = true;
      resetButton.focus();
    });
    el(this, '[data-reset-yes]').addEventListener('click', () => {
      store.reset();
      confirm.hidden = true;
      if (store.$saveError.get()) return;
      say(strings.resetDone, true);
      undoButton.focus();
    });
    undoButton.addEventListener('click', () => {
      store.undo();
      if (!store.$saveError.get()) say(strings.undone);
    });

    // Data kept aside from storage.
    const kept = el(this, '[data-kept]');
    const keptList = el(this, '[data-kept-list]');
    const renderKept = (entries: readonly KeptAside[]) => {
      kept.hidden = entries.length === 0;
      keptList.replaceChildren(
        ...entries.map((entry) => {
          const li = document.createElement('li');
          const text = document.createElement('span');
          const reason = fill(own(strings.problems, entry.problem.code) ?? entry.problem.code, { ...entry.problem } as Record<string, string>);
          text.textContent = fill(strings.keptEntry, { date: date(entry.keptAt), reason });
          const save = document.createElement('button');
          save.type = 'button';
          save.className = 'button';
          save.textContent = strings.keptDownload;
          save.addEventListener('click', () => download(`${store.courseId}-kept-aside-${entry.keptAt.slice(0, 10)}.txt`, entry.raw));
          const discard = document.createElement('button');
          discard.type = 'button';
          discard.className = 'button danger';
          discard.textContent = strings.keptDiscard;
          discard.addEventListener('click', () => store.discardKeptAside(entry.keptAt));
          li.append(text, save, discard);
          return li;
        }),
      );
    };

    const saveError = el(this, '[data-save-error]');
    this.stops.push(
      store.$keptAside.subscribe(renderKept),
      store.$saveError.subscribe((error) => {
        saveError.hidden = !error;
        saveError.textContent = error === 'quota' ? strings.saveQuota : error === 'blocked' ? strings.saveBlocked : '';
      }),
      store.$progress.subscribe((doc) => {
        resetButton.disabled = countTicked(doc) === 0;
        if (incoming) renderPreview();
        // A link on show always carries the progress as it is now.
        if (!shareOut.hidden) buildLink();
      }),
      learner.$learner.subscribe((name) => {
        if (document.activeElement !== learnerInput) learnerInput.value = name;
      }),
      store.$undo.subscribe((undo) => {
        if (!undo) undoButton.hidden = true;
      }),
    );
    exportButton.disabled = false;
    learnerInput.disabled = false;
    shareButton.disabled = false;
    fileInput.disabled = false;

    openLink();
    // A link pasted into the address bar while this page is open changes only the fragment.
    const onHash = () => openLink();
    window.addEventListener('hashchange', onHash);
    this.stops.push(() => window.removeEventListener('hashchange', onHash));
  }

  disconnectedCallback(): void {
    for (const stop of this.stops) stop();
    this.stops = [];
  }
}

customElements.define('wm-progress-manager', ProgressManager);
