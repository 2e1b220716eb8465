/**
 * What <wm-step> shows for the state of its run: the status line, and a
 * result's named checks, error, output and raw HTTP exchanges. The status
 * line is a pure function of the state, so it is tested without a page.
 */
import { fill, formatBytes, formatPlural } from '../lib/format';
import type { RunResult } from '../runtime/protocol';
import type { StepRunState } from '../stores/step-run';
import type { StepStrings } from './step-data';

export interface StatusContext {
  strings: StepStrings;
  lang: string;
  timeoutMs: number;
  /** The checklist item a passing run ticks, as the chapter words it. */
  itemLabel: string;
}

/**
 * The status line for a state, or undefined to leave it as it is: while a
 * run is under way without loading Python, the line keeps its last words.
 */
export function statusText(state: StepRunState, { strings, lang, timeoutMs, itemLabel }: StatusContext): string | undefined {
  const seconds = Math.round(timeoutMs / 100) / 10;
  switch (state.phase) {
    case 'idle':
    case 'running':
      return undefined;
    case 'loading':
      return fill(strings.loading, { loaded: formatBytes(state.loaded, lang), total: formatBytes(state.total, lang) });
    case 'timeout':
      return fill(strings.timeout, { seconds });
    case 'crash':
      return fill(strings.crashed, { message: state.message });
    case 'load-failed':
      return state.offline ? strings.offline : fill(strings.loadFailed, { message: state.message });
    case 'result': {
      const { result } = state;
      if (state.ticked) return fill(strings.itemTicked, { item: itemLabel });
      if (state.interrupted) return fill(strings.interrupted, { seconds });
      const ms = Math.round(state.ms);
      if (result.ok) return fill(strings.allPassed, { ms });
      const passed = result.checks.filter((c) => c.passed).length;
      return fill(formatPlural(strings.summary, result.checks.length, lang), { passed, ms });
    }
  }
}

function make<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

/** The parts of Step.astro's results box. */
export interface ResultsView {
  results: HTMLElement;
  checks: HTMLElement;
  error: HTMLElement;
  errorMessage: HTMLElement;
  errorTrace: HTMLElement;
  output: HTMLElement;
  httpSection: HTMLElement;
  http: HTMLElement;
}

export function showResult(view: ResultsView, result: RunResult, strings: StepStrings): void {
  view.results.hidden = false;
  view.checks.replaceChildren(
    ...result.checks.map((check) => {
      const li = make('li', undefined, check.passed ? 'pass' : 'fail');
      li.dataset.check = check.id ?? '';
      li.append(make('span', check.passed ? '✓' : '✗', 'mark'), make('span', `${check.name} — ${check.passed ? strings.passed : strings.failed}`, 'name'));
      if (!check.passed && check.reason) li.append(make('span', check.reason, 'reason'));
      return li;
    }),
  );
  view.error.hidden = !result.error;
  view.errorMessage.textContent = result.error?.message ?? '';
  view.errorTrace.hidden = !result.error?.traceback;
  view.errorTrace.textContent = result.error?.traceback ?? '';
  const text = [result.log.join('\n'), result.stdout, result.stderr].filter((part) => part.trim()).join('\n');
  view.output.textContent = text || strings.noOutput;
  view.httpSection.hidden = result.exchanges.length === 0;
  view.http.replaceChildren(
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
}
