import {
  aggregateClass,
  sortRows,
  toCsv,
  type ClassProgress,
  type CourseShape,
  type InputFile,
  type SortColumn,
  type SortDirection,
} from '../lib/class-progress';
import { fill, formatPlural } from '../lib/format';
import type { classDashboardStrings } from './class-dashboard-strings';
import { dataJson, el, pageData } from './page-data';
import { problemValues } from './problem-text';
import { saveFile } from './save-file';
import type { UiStrings } from '../i18n/ui-strings';

function parseColumn(value: string): SortColumn {
  if (value.startsWith('chapter:')) return { by: 'chapter', index: Number(value.slice('chapter:'.length)) };
  return value === 'total' || value === 'last' ? { by: value } : { by: 'learner' };
}

/**
 * Reads a file in the browser. Files too large to be progress are not read
 * at all (the size alone is reported); one that cannot be read, such as a
 * dropped folder, becomes `text: null`.
 */
async function readFile(file: File, maxBytes: number): Promise<InputFile> {
  if (file.size > maxBytes) return { name: file.name, size: file.size, text: '' };
  try {
    return { name: file.name, size: file.size, text: await file.text() };
  } catch {
    return { name: file.name, size: file.size, text: null };
  }
}

/**
 * The instructor's class dashboard: files come in through the file input or
 * a drop, accumulate until cleared, and every change recomputes the whole
 * table from all files (aggregation is pure and fast), then renders it once.
 */
class ClassDashboard extends HTMLElement {
  private files: InputFile[] = [];
  private result: ClassProgress | undefined;
  private column = 'learner';
  private direction: SortDirection = 'asc';

  connectedCallback(): void {
    // Files are read through the course's renames, as an import on the progress page reads them.
    const course: CourseShape = { ...dataJson<CourseShape>(this, 'course'), renames: pageData().renames ?? {} };
    const strings = dataJson<UiStrings<typeof classDashboardStrings>>(this, 'strings');
    const csvLabels = { ...strings.csv, chapterTitles: dataJson<string[]>(this, 'chapterTitles') };
    const maxBytes = Number(this.dataset.maxBytes);
    const lang = document.documentElement.lang;
    const dateFormat = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' });
    const list = new Intl.ListFormat(lang, { type: 'conjunction' });

    const input = el<HTMLInputElement>(this, '[data-input]');
    const status = el(this, '[data-status]');
    const download = el<HTMLButtonElement>(this, '[data-download]');
    const clear = el<HTMLButtonElement>(this, '[data-clear]');
    const wrap = el(this, '[data-table-wrap]');
    const tbody = el(this, '[data-rows]');
    const problemsBox = el(this, '[data-problems]');
    const problemList = el(this, '[data-problem-list]');
    const headers = [...this.querySelectorAll<HTMLTableCellElement>('th[data-sort]')];

    const renderRows = () => {
      const rows = this.result ? sortRows(this.result.rows, parseColumn(this.column), this.direction, lang) : [];
      const fragment = document.createDocumentFragment();
      for (const row of rows) {
        const tr = document.createElement('tr');
        const th = document.createElement('th');
        th.scope = 'row';
        th.textContent = row.label;
        tr.append(th);
        for (const tally of [...row.chapters, row.total]) {
          const td = document.createElement('td');
          const shown = document.createElement('span');
          shown.setAttribute('aria-hidden', 'true');
          shown.textContent = `${tally.done} / ${tally.total}`;
          if (tally.total && tally.done === tally.total) shown.className = 'complete';
          const spoken = document.createElement('span');
          spoken.className = 'visually-hidden';
          spoken.textContent = fill(strings.count, { done: tally.done, total: tally.total });
          td.append(shown, spoken);
          tr.append(td);
        }
        const last = document.createElement('td');
        if (row.lastActivity) {
          const time = document.createElement('time');
          time.dateTime = row.lastActivity;
          time.textContent = dateFormat.format(new Date(row.lastActivity));
          last.append(time);
        } else last.textContent = strings.never;
        tr.append(last);
        fragment.append(tr);
      }
      tbody.replaceChildren(fragment);
      for (const th of headers) {
        if (th.dataset.sort === this.column) th.setAttribute('aria-sort', this.direction === 'asc' ? 'ascending' : 'descending');
        else th.removeAttribute('aria-sort');
      }
      return rows;
    };

    const render = () => {
      const result = this.result;
      const rows = renderRows();
      wrap.hidden = rows.length === 0;
      download.disabled = rows.length === 0;
      clear.disabled = this.files.length === 0;

      const items: HTMLLIElement[] = [];
      for (const { file, problem } of result?.problems ?? []) {
        const li = document.createElement('li');
        const name = document.createElement('span');
        name.className = 'file';
        name.textContent = file;
        li.append(name, strings.fileSeparator + fill(strings.problems[problem.code], problemValues(problem, lang)));
        items.push(li);
      }
      for (const clash of result?.clashes ?? []) {
        const li = document.createElement('li');
        li.textContent = fill(strings.clash, { learner: clash.learner, files: list.format(clash.files.map((f) => `“${f}”`)) });
        items.push(li);
      }
      problemList.replaceChildren(...items);
      problemsBox.hidden = items.length === 0;

      if (!result || !this.files.length) {
        status.textContent = strings.empty;
        return;
      }
      const notUsed = result.problems.length;
      status.textContent = fill(notUsed ? strings.statusNotUsed : strings.status, {
        learners: formatPlural(strings.learners, result.rows.length, lang),
        files: formatPlural(strings.files, result.files, lang),
        notUsed: formatPlural(strings.notUsed, notUsed, lang),
      });
    };

    const add = async (incoming: File[]) => {
      if (!incoming.length) return;
      status.textContent = strings.reading;
      // All files are read at once; the table is computed and drawn once they are in.
      const read = await Promise.all(incoming.map((file) => readFile(file, maxBytes)));
      this.files = [...this.files, ...read];
      this.result = aggregateClass(this.files, course);
      render();
    };

    input.addEventListener('change', () => {
      const chosen = [...(input.files ?? [])];
      // Cleared so that choosing the same file again fires `change` and is reported as a duplicate.
      input.value = '';
      void add(chosen);
    });

    // The whole dashboard takes drops, so a file that misses the zone is not opened by the browser instead.
    let depth = 0;
    const hasFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;
    this.addEventListener('dragenter', (event) => {
      if (!hasFiles(event)) return;
      depth += 1;
      this.dataset.dragging = '';
    });
    this.addEventListener('dragleave', () => {
      depth = Math.max(0, depth - 1);
      if (!depth) delete this.dataset.dragging;
    });
    this.addEventListener('dragover', (event) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    });
    this.addEventListener('drop', (event) => {
      event.preventDefault();
      depth = 0;
      delete this.dataset.dragging;
      void add([...(event.dataTransfer?.files ?? [])]);
    });

    for (const th of headers) {
      th.querySelector('button')?.addEventListener('click', () => {
        const column = th.dataset.sort ?? 'learner';
        this.direction = column === this.column && this.direction === 'asc' ? 'desc' : 'asc';
        this.column = column;
        renderRows();
      });
    }

    download.addEventListener('click', () => {
      if (!this.result) return;
      const rows = sortRows(this.result.rows, parseColumn(this.column), this.direction, lang);
      const name = `${course.courseId}-class-progress-${new Date().toISOString().slice(0, 10)}.csv`;
      saveFile(name, toCsv(rows, course, csvLabels), 'text/csv;charset=utf-8');
    });

    clear.addEventListener('click', () => {
      this.files = [];
      this.result = undefined;
      render();
      input.focus();
    });

    input.disabled = false;
  }
}

customElements.define('wm-class-dashboard', ClassDashboard);
