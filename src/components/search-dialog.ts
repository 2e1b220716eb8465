/**
 * The search dialog, loaded the first time the learner opens search. It
 * imports Pagefind's own `pagefind.js` from the built site at run time
 * (`<base>pagefind/pagefind.js`, never bundled), which picks the index for the
 * page's `<html lang>`, so each language searches only its own pages.
 *
 * Focus stays in the input (a combobox); the arrow keys move the selection
 * through the options with `aria-activedescendant`, Enter follows the
 * selected link, Escape closes the dialog and the header script puts focus
 * back on the search button.
 */
import { formatPlural, fill } from '../lib/format';
import { joinBase } from '../lib/paths';
import { moveSelection, shapeHit, type PagefindFragment, type SearchHit, type Segment } from '../lib/search-results';

/** The part of Pagefind's browser API used here. */
interface Pagefind {
  options(options: { baseUrl?: string; excerptLength?: number }): Promise<void>;
  init(): Promise<void>;
  debouncedSearch(query: string, options?: object, ms?: number): Promise<{ results: { data(): Promise<PagefindFragment> }[] } | null>;
}

interface Strings {
  loading: string;
  found: Record<string, string>;
  shown: string;
  none: string;
  unavailable: string;
}

function find<T extends HTMLElement>(root: HTMLElement, selector: string): T {
  const found = root.querySelector<T>(selector);
  if (!found) throw new Error(`wm-search: ${selector} missing`);
  return found;
}

/** Pages shown with their excerpt; each costs one small fragment download. */
const SHOWN = 8;

export class SearchDialog {
  private readonly dialog: HTMLDialogElement;
  private readonly input: HTMLInputElement;
  private readonly status: HTMLElement;
  private readonly list: HTMLUListElement;
  private readonly strings: Strings;
  private readonly base: string;
  private readonly lang: string;
  private pagefind: Promise<Pagefind> | undefined;
  private options: HTMLAnchorElement[] = [];
  private selected = -1;
  /** Bumped by every query, so a slow answer to an older one is dropped. */
  private generation = 0;

  constructor(host: HTMLElement) {
    this.dialog = find<HTMLDialogElement>(host, 'dialog');
    this.input = find<HTMLInputElement>(host, 'input');
    this.status = find(host, '[data-search-status]');
    this.list = find<HTMLUListElement>(host, '[role="listbox"]');
    this.strings = JSON.parse(host.dataset.strings ?? '{}') as Strings;
    this.base = host.dataset.base ?? '/';
    this.lang = document.documentElement.lang || 'en';
    // Typing Chinese with an input method: search the finished words, not the pinyin on the way.
    this.input.addEventListener('input', (event) => {
      if (!(event as InputEvent).isComposing) void this.search();
    });
    this.input.addEventListener('compositionend', () => void this.search());
    this.input.addEventListener('keydown', (event) => this.onKey(event));
    // Following a link to a heading on this same page must not leave the dialog open.
    this.list.addEventListener('click', (event) => {
      if ((event.target as Element).closest('a')) this.dialog.close();
    });
  }

  show(): void {
    if (!this.dialog.open) this.dialog.showModal();
    this.input.focus();
    this.input.select();
    // Reopened with a query (typed before, or while the index failed to load): answer it.
    void this.load().then(
      () => (this.input.value.trim() ? this.search() : undefined),
      () => undefined,
    );
  }

  private load(): Promise<Pagefind> {
    if (!this.pagefind) {
      this.say(this.strings.loading);
      const url = joinBase(this.base, 'pagefind/pagefind.js');
      this.pagefind = import(/* @vite-ignore */ url).then(async (module: Pagefind) => {
        await module.options({ baseUrl: this.base, excerptLength: 24 });
        await module.init();
        this.say('');
        return module;
      });
      this.pagefind.catch(() => {
        // Next time the dialog opens (back online, say), try again.
        this.pagefind = undefined;
        this.say(this.strings.unavailable);
      });
    }
    return this.pagefind;
  }

  private async search(): Promise<void> {
    const query = this.input.value.trim();
    const generation = ++this.generation;
    if (!query) {
      this.render([]);
      this.say('');
      return;
    }
    let pagefind: Pagefind;
    try {
      pagefind = await this.load();
    } catch {
      return;
    }
    try {
      const found = await pagefind.debouncedSearch(query, {}, 150);
      if (!found || generation !== this.generation) return;
      const fragments = await Promise.all(found.results.slice(0, SHOWN).map((r) => r.data()));
      if (generation !== this.generation) return;
      const count = found.results.length;
      this.render(fragments.map((f) => shapeHit(f)));
      if (!count) this.say(fill(this.strings.none, { query }));
      else {
        const total = formatPlural(this.strings.found, count, this.lang);
        this.say(count > SHOWN ? `${total}. ${fill(this.strings.shown, { shown: SHOWN })}` : total);
      }
    } catch {
      if (generation === this.generation) this.say(this.strings.unavailable);
    }
  }

  private say(text: string): void {
    this.status.textContent = text;
  }

  private render(hits: SearchHit[]): void {
    this.list.replaceChildren(
      ...hits.flatMap((hit) => [this.option(hit.url, hit.title, hit.excerpt, false), ...hit.sections.map((s) => this.option(s.url, s.title, s.excerpt, true))]),
    );
    this.options = [...this.list.querySelectorAll('a')];
    this.options.forEach((option, i) => (option.id = `search-option-${i}`));
    this.input.setAttribute('aria-expanded', String(this.options.length > 0));
    this.select(-1);
  }

  private option(url: string, title: string, excerpt: Segment[], section: boolean): HTMLLIElement {
    const item = document.createElement('li');
    item.setAttribute('role', 'none');
    const link = document.createElement('a');
    link.href = url;
    link.setAttribute('role', 'option');
    link.setAttribute('aria-selected', 'false');
    link.tabIndex = -1;
    if (section) link.className = 'section';
    const heading = document.createElement('span');
    heading.className = 'title';
    heading.textContent = title;
    const text = document.createElement('span');
    text.className = 'excerpt';
    for (const segment of excerpt) {
      if (segment.mark) {
        const mark = document.createElement('mark');
        mark.textContent = segment.text;
        text.append(mark);
      } else text.append(segment.text);
    }
    link.append(heading, text);
    item.append(link);
    return item;
  }

  private select(index: number): void {
    this.options[this.selected]?.setAttribute('aria-selected', 'false');
    this.selected = index;
    const option = this.options[index];
    if (option) {
      option.setAttribute('aria-selected', 'true');
      option.scrollIntoView({ block: 'nearest' });
      this.input.setAttribute('aria-activedescendant', option.id);
    } else this.input.removeAttribute('aria-activedescendant');
  }

  private onKey(event: KeyboardEvent): void {
    if (event.isComposing) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      this.select(moveSelection(this.selected, event.key, this.options.length));
    } else if (event.key === 'Enter') {
      const option = this.options[this.selected] ?? this.options[0];
      if (!option) return;
      event.preventDefault();
      option.click();
    }
  }
}
