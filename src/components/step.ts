/**
 * <wm-step>: one walkthrough step (Step.astro). DOM glue over two stores:
 * the step's run (`src/stores/step-run.ts`: Run, load progress, the result)
 * and the learner's edits (`src/stores/code.ts`). The file tabs are
 * <wm-tabs>; Reset and the reference solution ask first through <wm-confirm>.
 * The Python client's code, and Python, start loading at the first sign of
 * a run (hovering or focusing Run, focus in an editor, a walkthrough worked
 * on before), so they are not part of the chapter's own JS; the editor
 * loads when the step comes near the screen.
 */
import { walkthroughStarted } from '../lib/code-doc';
import { own } from '../lib/dict';
import { fill } from '../lib/format';
import type { StepSpec } from '../runtime/protocol';
import { codeStore } from '../stores/code';
import { createStepRun, isBusy, type StepRun, type StepRunState } from '../stores/step-run';
import type { AppBrowserElement } from './app-browser';
import type { CodeEditor } from './code-editor';
// Defined before <wm-step>, so its confirmations are listening by the time it enables their triggers.
import './confirm';
import './tabs';
import type { StepFile, StepStrings } from './step-data';
import { showResult, statusText, type ResultsView } from './step-view';
import { dataJson, el, pageData, pageProgress } from './page-data';

declare const __WAYMARK_PYODIDE__: { version: string; sizes: Record<string, number> };

const loadClient = () => import('../runtime/page-client').then((m) => m.pythonClient());

/** Whether Python failed to load because the learner is offline and hasn't saved it. */
async function offlineWithoutPython(): Promise<boolean> {
  try {
    const { pythonUnavailableOffline } = await import('../offline/python-cache');
    return await pythonUnavailableOffline(__WAYMARK_PYODIDE__);
  } catch {
    return !navigator.onLine;
  }
}

/** A file's editor: the server-rendered textarea, or CodeMirror's editable area once it has replaced it. */
function isEditor(target: EventTarget | null): boolean {
  return target instanceof Element && (target.matches('textarea[data-file]') || target.closest('.cm-editor') !== null);
}

class Step extends HTMLElement {
  private editors = new Map<string, CodeEditor>();
  private saveTimer?: ReturnType<typeof setTimeout>;
  private observer?: IntersectionObserver;
  private listening?: AbortController;
  private stopRendering?: () => void;

  connectedCallback(): void {
    this.listening = new AbortController();
    const { signal } = this.listening;
    const key = this.dataset.key!;
    const spec = dataJson<StepSpec>(this, 'spec');
    const files = dataJson<StepFile[]>(this, 'files');
    const strings = dataJson<StepStrings>(this, 'strings');
    const timeoutMs = Number(this.dataset.timeout) || 5000;
    const lang = document.documentElement.lang;
    const chapter = this.closest<HTMLElement>('[data-chapter]')?.dataset.chapter;
    const item = this.dataset.item;
    const code = codeStore(pageData().courseId);
    const starters = Object.fromEntries(files.map((f) => [f.name, f.starter]));
    const save = () => {
      clearTimeout(this.saveTimer);
      code.edit(key, this.currentFiles(), starters);
    };
    const scheduleSave = () => {
      clearTimeout(this.saveTimer);
      this.saveTimer = setTimeout(save, 300);
    };

    const runButton = el<HTMLButtonElement>(this, '[data-run]');
    const resetButton = el<HTMLButtonElement>(this, '[data-reset]');
    const solutionButton = el<HTMLButtonElement>(this, '[data-solution]');

    // Editors start as the server-rendered textareas; CodeMirror replaces them later.
    const saved = own(code.$code.get().steps, key)?.files;
    for (const textarea of this.querySelectorAll<HTMLTextAreaElement>('textarea[data-file]')) {
      const text = own(saved, textarea.dataset.file!);
      if (text !== undefined) textarea.value = text;
      textarea.readOnly = false;
      textarea.addEventListener('input', scheduleSave, { signal });
      this.editors.set(textarea.dataset.file!, {
        getText: () => textarea.value,
        setText: (value) => {
          textarea.value = value;
        },
        focus: () => textarea.focus(),
      });
    }

    const confirmation = (trigger: HTMLButtonElement) => el(this, `wm-confirm[data-trigger="${trigger.id}"]`);
    const putBack = (which: 'starter' | 'solution') => {
      for (const file of files) this.editors.get(file.name)?.setText(file[which]);
    };
    confirmation(resetButton).addEventListener(
      'confirmed',
      () => {
        putBack('starter');
        clearTimeout(this.saveTimer);
        code.reset(key);
      },
      { signal },
    );
    confirmation(solutionButton).addEventListener(
      'confirmed',
      () => {
        putBack('solution');
        save();
      },
      { signal },
    );

    const run = createStepRun({
      spec,
      lang,
      timeoutMs,
      loadClient,
      offlineWithoutPython,
      tick: chapter && item ? () => pageProgress().setItem(chapter, item, true) : undefined,
    });
    // Python starts loading at the first sign of a run coming, never because
    // the page merely loaded or scrolled: the pointer on Run or focus on it,
    // focus in an editor, or a walkthrough the learner has worked on before.
    const intent = () => run.preload();
    runButton.addEventListener('pointerenter', intent, { once: true, signal });
    runButton.addEventListener('focus', intent, { once: true, signal });
    this.addEventListener('focusin', (event) => isEditor(event.target) && intent(), { signal });
    // This script loads on that same focus (step-loader.ts), after the event.
    if (isEditor(document.activeElement) && this.contains(document.activeElement)) intent();
    if (walkthroughStarted(code.$code.get(), key.split('/')[0]!)) intent();
    runButton.addEventListener(
      'click',
      () => {
        const files = this.currentFiles();
        void run.run(files).then(() => this.appBrowser()?.redeploy(files));
      },
      { signal },
    );
    // "Open the app": the app browser's code loads on this first press.
    const openApp = this.querySelector<HTMLButtonElement>('[data-open-app]');
    if (openApp) {
      openApp.addEventListener(
        'click',
        async () => {
          await import('./app-browser');
          await this.appBrowser()?.open(this.currentFiles());
        },
        { signal },
      );
      openApp.disabled = false;
    }
    this.stopRendering = this.render(run, strings, { lang, timeoutMs, itemLabel: this.dataset.itemLabel || item || '' });

    for (const button of [resetButton, solutionButton]) button.disabled = false;

    // Load the editor when the step comes near the screen, not with the page.
    this.observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        this.observer?.disconnect();
        void this.upgradeEditors(strings, scheduleSave, runButton);
      },
      { rootMargin: '200px' },
    );
    this.observer.observe(this);
  }

  disconnectedCallback(): void {
    this.observer?.disconnect();
    this.listening?.abort();
    this.stopRendering?.();
  }

  /** The step's app browser, once its code has loaded. */
  private appBrowser(): AppBrowserElement | undefined {
    const element = this.querySelector('wm-app-browser');
    return element && 'redeploy' in element ? (element as AppBrowserElement) : undefined;
  }

  private currentFiles(): Record<string, string> {
    const files: Record<string, string> = {};
    for (const [name, editor] of this.editors) files[name] = editor.getText();
    return files;
  }

  /** Renders the run's state from now on; returns the unsubscribe. */
  private render(run: StepRun, strings: StepStrings, context: { lang: string; timeoutMs: number; itemLabel: string }): () => void {
    const runButton = el<HTMLButtonElement>(this, '[data-run]');
    const status = el(this, '[data-status-text]');
    const loadBar = el<HTMLProgressElement>(this, '[data-load-progress]');
    const offlineLink = el(this, '[data-offline-link]');
    const view: ResultsView = {
      results: el(this, '[data-results]'),
      checks: el(this, '[data-checks]'),
      error: el(this, '[data-error]'),
      errorMessage: el(this, '[data-error-message]'),
      errorTrace: el(this, '[data-error-traceback]'),
      output: el(this, '[data-output]'),
      httpSection: el(this, '[data-http-section]'),
      http: el(this, '[data-http]'),
    };
    return run.$run.subscribe((state: StepRunState) => {
      const busy = isBusy(state);
      runButton.disabled = busy;
      runButton.textContent = busy ? strings.running : strings.run;
      loadBar.hidden = state.phase !== 'loading';
      if (state.phase === 'loading') {
        loadBar.max = state.total;
        loadBar.value = state.loaded;
      }
      const text = statusText(state, { strings, ...context });
      if (text !== undefined) status.textContent = text;
      if (busy || state.phase === 'idle') return;
      offlineLink.hidden = !(state.phase === 'load-failed' && state.offline);
      if (state.phase === 'result') showResult(view, state.result, strings);
      else view.results.hidden = true;
    });
  }

  private async upgradeEditors(strings: StepStrings, onChange: () => void, runButton: HTMLButtonElement): Promise<void> {
    const { upgradeTextarea } = await import('./code-editor');
    for (const textarea of this.querySelectorAll<HTMLTextAreaElement>('textarea[data-file]')) {
      const name = textarea.dataset.file!;
      const hadFocus = document.activeElement === textarea;
      const editor = upgradeTextarea(textarea, {
        label: fill(strings.editorLabel, { file: name }),
        describedBy: this.dataset.editorHelp,
        onChange,
        onEscape: () => runButton.focus(),
      });
      this.editors.set(name, editor);
      if (hadFocus) editor.focus();
    }
    this.dataset.editor = 'ready';
  }
}

customElements.define('wm-step', Step);
