import { own } from '../lib/dict';
import { fill, formatBytes, formatPlural } from '../lib/format';
import type { RunOutcome } from '../runtime/client';
import type { RunResult, StepSpec } from '../runtime/protocol';
import { codeStore } from '../stores/code';
import type { CodeEditor } from './code-editor';
import { dataJson, el, pageData, pageProgress } from './page-data';

interface StepFile {
  name: string;
  starter: string;
  solution: string;
}

interface Strings {
  run: string;
  running: string;
  loading: string;
  loadFailed: string;
  passed: string;
  failed: string;
  summary: Record<string, string>;
  itemTicked: string;
  allPassed: string;
  noOutput: string;
  error: string;
  request: string;
  response: string;
  noResponse: string;
  timeout: string;
  interrupted: string;
  crashed: string;
  editorLabel: string;
  offline: string;
}

/**
 * The page's Python client. Its code loads on first need (hovering or
 * focusing Run, or a click), so it is not part of the chapter's own JS.
 */
const loadClient = () => import('../runtime/page-client').then((m) => m.pythonClient());

declare const __WAYMARK_PYODIDE__: { version: string; sizes: Record<string, number> };

/** Whether Python failed to load because the learner is offline and hasn't saved it. */
async function offlineWithoutPython(): Promise<boolean> {
  try {
    const { pythonUnavailableOffline } = await import('../offline/python-cache');
    return await pythonUnavailableOffline(__WAYMARK_PYODIDE__);
  } catch {
    return !navigator.onLine;
  }
}

function make<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

/**
 * One walkthrough step: file tabs with editors, Run (Python in a worker,
 * loaded on first use), Reset and the reference solution behind a
 * confirmation, and the results: named checks, output, raw HTTP. Edits are
 * kept per step in the code store; passing every check ticks the step's
 * checklist item.
 */
class WalkthroughStep extends HTMLElement {
  private editors = new Map<string, CodeEditor>();
  private saveTimer?: ReturnType<typeof setTimeout>;
  private observer?: IntersectionObserver;

  connectedCallback(): void {
    const key = this.dataset.key!;
    const spec = dataJson<StepSpec>(this, 'spec');
    const files = dataJson<StepFile[]>(this, 'files');
    const strings = dataJson<Strings>(this, 'strings');
    const timeoutMs = Number(this.dataset.timeout) || 5000;
    const lang = document.documentElement.lang;
    const chapter = this.closest<HTMLElement>('[data-chapter]')?.dataset.chapter;
    const code = codeStore(pageData().courseId);
    const progress = pageProgress();

    const runButton = el<HTMLButtonElement>(this, '[data-run]');
    const resetButton = el<HTMLButtonElement>(this, '[data-reset]');
    const solutionButton = el<HTMLButtonElement>(this, '[data-solution]');
    const statusText = el(this, '[data-status-text]');
    const loadBar = el<HTMLProgressElement>(this, '[data-load-progress]');
    const offlineLink = el(this, '[data-offline-link]');

    // Editors start as the server-rendered textareas; CodeMirror replaces them later.
    const saved = own(code.$code.get().steps, key)?.files;
    for (const textarea of this.querySelectorAll<HTMLTextAreaElement>('textarea[data-file]')) {
      const name = textarea.dataset.file!;
      const text = own(saved, name);
      if (text !== undefined) textarea.value = text;
      textarea.readOnly = false;
      textarea.addEventListener('input', () => this.scheduleSave(code, key, files));
      this.editors.set(name, {
        getText: () => textarea.value,
        setText: (text) => {
          textarea.value = text;
        },
        focus: () => textarea.focus(),
      });
    }

    this.setUpTabs();
    this.setUpConfirm('reset', resetButton, () => {
      for (const file of files) this.editors.get(file.name)?.setText(file.starter);
      clearTimeout(this.saveTimer);
      code.reset(key);
    });
    this.setUpConfirm('solution', solutionButton, () => {
      for (const file of files) this.editors.get(file.name)?.setText(file.solution);
      this.save(code, key, files);
    });

    const preload = () => void loadClient().then((client) => client.preload(), () => undefined);
    runButton.addEventListener('pointerenter', preload, { once: true });
    runButton.addEventListener('focus', preload, { once: true });
    runButton.addEventListener('click', async () => {
      runButton.disabled = true;
      runButton.textContent = strings.running;
      let client: Awaited<ReturnType<typeof loadClient>>;
      try {
        client = await loadClient();
      } catch (error) {
        // The client's own code could not be fetched: the network went away since the page loaded.
        this.show({ kind: 'load-failed', message: error instanceof Error ? error.message : String(error) }, strings, timeoutMs, lang);
        if (await offlineWithoutPython()) {
          statusText.textContent = strings.offline;
          offlineLink.hidden = false;
        }
        runButton.disabled = false;
        runButton.textContent = strings.run;
        return;
      }
      const stopWatching = client.onState((state) => {
        if (state.phase === 'loading') {
          loadBar.hidden = false;
          loadBar.max = state.total;
          loadBar.value = state.loaded;
          statusText.textContent = fill(strings.loading, { loaded: formatBytes(state.loaded, lang), total: formatBytes(state.total, lang) });
        } else {
          loadBar.hidden = true;
        }
      });
      const outcome = await client.run(spec, this.currentFiles(), lang, timeoutMs);
      stopWatching();
      loadBar.hidden = true;
      this.show(outcome, strings, timeoutMs, lang);
      offlineLink.hidden = true;
      if (outcome.kind === 'load-failed' && (await offlineWithoutPython())) {
        statusText.textContent = strings.offline;
        offlineLink.hidden = false;
      }
      if (outcome.kind === 'result' && outcome.result.ok && chapter && this.dataset.item) {
        progress.setItem(chapter, this.dataset.item, true);
        statusText.textContent = fill(strings.itemTicked, { item: this.dataset.itemLabel ?? this.dataset.item });
      }
      runButton.disabled = false;
      runButton.textContent = strings.run;
    });

    for (const button of [runButton, resetButton, solutionButton]) button.disabled = false;

    // Load the editor when the step comes near the screen, not with the page.
    this.observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        this.observer?.disconnect();
        void this.upgradeEditors(code, key, files, strings, runButton);
      },
      { rootMargin: '200px' },
    );
    this.observer.observe(this);
  }

  disconnectedCallback(): void {
    this.observer?.disconnect();
  }

  private currentFiles(): Record<string, string> {
    const files: Record<string, string> = {};
    for (const [name, editor] of this.editors) files[name] = editor.getText();
    return files;
  }

  private save(code: ReturnType<typeof codeStore>, key: string, files: StepFile[]): void {
    clearTimeout(this.saveTimer);
    const current = this.currentFiles();
    if (files.every((f) => current[f.name] === f.starter)) code.reset(key);
    else code.save(key, current);
  }

  private scheduleSave(code: ReturnType<typeof codeStore>, key: string, files: StepFile[]): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.save(code, key, files), 300);
  }

  private async upgradeEditors(code: ReturnType<typeof codeStore>, key: string, files: StepFile[], strings: Strings, runButton: HTMLButtonElement): Promise<void> {
    const { upgradeTextarea } = await import('./code-editor');
    for (const textarea of this.querySelectorAll<HTMLTextAreaElement>('textarea[data-file]')) {
      const name = textarea.dataset.file!;
      const hadFocus = document.activeElement === textarea;
      const editor = upgradeTextarea(textarea, {
        label: fill(strings.editorLabel, { file: name }),
        describedBy: this.dataset.editorHelp,
        onChange: () => this.scheduleSave(code, key, files),
        onEscape: () => runButton.focus(),
      });
      this.editors.set(name, editor);
      if (hadFocus) editor.focus();
    }
    this.dataset.editor = 'ready';
  }

  /** Tabs per the WAI-ARIA pattern: arrow keys move between files. */
  private setUpTabs(): void {
    const tabs = [...this.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
    const select = (tab: HTMLButtonElement) => {
      for (const other of tabs) {
        const selected = other === tab;
        other.setAttribute('aria-selected', String(selected));
        other.tabIndex = selected ? 0 : -1;
        const panel = document.getElementById(other.getAttribute('aria-controls')!);
        if (panel) panel.hidden = !selected;
      }
    };
    tabs.forEach((tab, i) => {
      tab.addEventListener('click', () => select(tab));
      tab.addEventListener('keydown', (event) => {
        const to = event.key === 'ArrowRight' ? i + 1 : event.key === 'ArrowLeft' ? i - 1 : event.key === 'Home' ? 0 : event.key === 'End' ? tabs.length - 1 : -2;
        if (to === -2) return;
        event.preventDefault();
        const target = tabs[(to + tabs.length) % tabs.length]!;
        select(target);
        target.focus();
      });
    });
  }

  private setUpConfirm(name: string, trigger: HTMLButtonElement, action: () => void): void {
    const box = el(this, `[data-confirm="${name}"]`);
    const yes = el<HTMLButtonElement>(box, '[data-confirm-yes]');
    const no = el<HTMLButtonElement>(box, '[data-confirm-no]');
    trigger.addEventListener('click', () => {
      box.hidden = false;
      no.focus();
    });
    no.addEventListener('click', () => {
      box.hidden = true;
      trigger.focus();
    });
    yes.addEventListener('click', () => {
      action();
      box.hidden = true;
      trigger.focus();
    });
  }

  private show(outcome: RunOutcome, strings: Strings, timeoutMs: number, lang: string): void {
    const status = el(this, '[data-status-text]');
    const results = el(this, '[data-results]');
    const checksList = el(this, '[data-checks]');
    const errorBox = el(this, '[data-error]');
    const errorMessage = el(this, '[data-error-message]');
    const errorTrace = el(this, '[data-error-traceback]');
    const output = el(this, '[data-output]');
    const httpSection = el(this, '[data-http-section]');
    const http = el(this, '[data-http]');
    const seconds = Math.round(timeoutMs / 100) / 10;

    if (outcome.kind !== 'result') {
      results.hidden = true;
      status.textContent =
        outcome.kind === 'timeout'
          ? fill(strings.timeout, { seconds })
          : outcome.kind === 'crashed'
            ? fill(strings.crashed, { message: outcome.message })
            : fill(strings.loadFailed, { message: outcome.message });
      return;
    }
    const result: RunResult = outcome.result;
    results.hidden = false;
    checksList.replaceChildren(
      ...result.checks.map((check) => {
        const li = make('li', undefined, check.passed ? 'pass' : 'fail');
        li.dataset.check = check.id ?? '';
        li.append(make('span', check.passed ? '✓' : '✗', 'mark'), make('span', `${check.name} — ${check.passed ? strings.passed : strings.failed}`, 'name'));
        if (!check.passed && check.reason) li.append(make('span', check.reason, 'reason'));
        return li;
      }),
    );
    errorBox.hidden = !result.error;
    errorMessage.textContent = result.error?.message ?? '';
    errorTrace.hidden = !result.error?.traceback;
    errorTrace.textContent = result.error?.traceback ?? '';
    const text = [result.log.join('\n'), result.stdout, result.stderr].filter((part) => part.trim()).join('\n');
    output.textContent = text || strings.noOutput;
    httpSection.hidden = result.exchanges.length === 0;
    http.replaceChildren(
      ...result.exchanges.map((exchange, i) => {
        const details = make('details', undefined, 'exchange');
        details.open = i === 0 || Boolean(exchange.problem);
        details.append(make('summary', `${exchange.method} ${exchange.path} → ${exchange.status ?? '—'}`));
        details.append(make('h5', strings.request), make('pre', exchange.request.replace(/\r\n/g, '\n')));
        details.append(make('h5', strings.response), make('pre', exchange.response.replace(/\r\n/g, '\n') || strings.noResponse));
        if (exchange.problem) details.append(make('pre', exchange.problem, 'problem'));
        return details;
      }),
    );
    const passed = result.checks.filter((c) => c.passed).length;
    if (outcome.interrupted) status.textContent = fill(strings.interrupted, { seconds });
    else {
      const ms = Math.round(outcome.ms);
      status.textContent = result.ok ? fill(strings.allPassed, { ms }) : fill(formatPlural(strings.summary, result.checks.length, lang), { passed, ms });
    }
  }
}

customElements.define('wm-step', WalkthroughStep);
