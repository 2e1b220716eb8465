import { defineMdastPlugin, mdxToJs } from 'satteri';
import { ITEM_ID_PATTERN } from './ids';

/** One checklist item as an author wrote it. */
export interface SourceItem {
  /** Stable id, the same in every language of the chapter. */
  id: string;
  /** The item's text without markup, for previews and the progress page. */
  label: string;
  /** 1-based line in the chapter file. */
  line: number;
}

export interface SourceProblem {
  line: number;
  message: string;
}

export interface SourceChecklist {
  items: SourceItem[];
  problems: SourceProblem[];
  /** Line of the `<Checklist>`, if the chapter has one. */
  checklistLine?: number;
  /** Lines of the `##` and `###` headings, in order; places the checklist in the table of contents. */
  headingLines: number[];
  /** `<Walkthrough id>` blocks and the `<Step id>` elements inside them. */
  walkthroughs: SourceWalkthrough[];
  /** `<Term id>` links to the glossary. */
  terms: { id: string; line: number }[];
  /** `<Fact id>` dated facts, in the order they appear. */
  facts: { id: string; line: number; wraps: boolean }[];
  /** `<ChapterLink to>` links to other chapters. */
  chapterLinks: { to: string; hash?: string; line: number }[];
  /** Every heading's text, for anchors (`#slug`) other pages may link to. */
  headings: { text: string; depth: number; line: number }[];
}

export interface SourceWalkthrough {
  id: string;
  line: number;
  steps: { id: string; line: number }[];
}

interface JsxNode {
  type: string;
  name?: string | null;
  attributes?: { type: string; name?: string; value?: unknown }[];
  children?: JsxNode[];
  position?: { start: { line: number } };
}

/**
 * Reads the checklist out of a chapter's MDX source, with the same parser the
 * site renders it with, so what is counted is what the learner sees. A chapter
 * has at most one `<Checklist>` whose direct children are `<Item id="…">`
 * elements. Problems are collected with line numbers rather than thrown, so
 * one run can report every mistake in every file.
 */
export function readChecklist(source: string): SourceChecklist {
  const items: SourceItem[] = [];
  const problems: SourceProblem[] = [];
  const itemLinesInChecklists = new Set<number>();
  const allItemLines: number[] = [];
  let checklists = 0;
  let checklistLine: number | undefined;
  const headingLines: number[] = [];
  const walkthroughs: SourceWalkthrough[] = [];
  const terms: SourceChecklist['terms'] = [];
  const facts: SourceChecklist['facts'] = [];
  const collectFact = (el: JsxNode, line: number) => {
    const id = attr(el, 'id');
    if (id) facts.push({ id, line, wraps: (el.children ?? []).length > 0 });
    else problems.push({ line, message: '<Fact> needs id="…", a fact id from a file in facts/' });
  };
  const headings: SourceChecklist['headings'] = [];
  const chapterLinks: SourceChecklist['chapterLinks'] = [];
  const stepLinesInWalkthroughs = new Set<number>();
  const allStepLines: number[] = [];
  const attr = (el: JsxNode, name: string) => {
    const found = el.attributes?.find((a) => a.type === 'mdxJsxAttribute' && a.name === name);
    return typeof found?.value === 'string' ? found.value : undefined;
  };

  const collect = defineMdastPlugin({
    name: 'waymark-checklist',
    options: { position: true },
    heading(node, ctx) {
      const line = node.position?.start.line ?? 0;
      if (node.depth === 2 || node.depth === 3) headingLines.push(line);
      headings.push({ text: ctx.textContent(node), depth: node.depth, line });
    },
    mdxJsxTextElement(node) {
      const el = node as unknown as JsxNode;
      const line = el.position?.start.line ?? 0;
      if (el.name === 'Fact') collectFact(el, line);
      else if (el.name === 'Term') {
        const id = attr(el, 'id');
        if (id) terms.push({ id, line });
        else problems.push({ line, message: '<Term> needs id="…", a glossary entry id' });
      } else if (el.name === 'ChapterLink') {
        const to = attr(el, 'to');
        if (to) chapterLinks.push({ to, hash: attr(el, 'hash'), line });
        else problems.push({ line, message: '<ChapterLink> needs to="…", a chapter id' });
      }
    },
    mdxJsxFlowElement(node, ctx) {
      const el = node as unknown as JsxNode;
      const line = el.position?.start.line ?? 0;
      if (el.name === 'Item') {
        allItemLines.push(line);
        return;
      }
      if (el.name === 'Fact') {
        collectFact(el, line);
        return;
      }
      if (el.name === 'Step') {
        allStepLines.push(line);
        return;
      }
      if (el.name === 'Walkthrough') {
        const id = attr(el, 'id');
        if (!id) {
          problems.push({ line, message: '<Walkthrough> needs id="…", the name of its folder in walkthroughs/' });
          return;
        }
        const walkthrough: SourceWalkthrough = { id, line, steps: [] };
        for (const child of el.children ?? []) {
          if (child.type !== 'mdxJsxFlowElement' || child.name !== 'Step') continue;
          const stepLine = child.position?.start.line ?? line;
          stepLinesInWalkthroughs.add(stepLine);
          const stepId = attr(child, 'id');
          const of = attr(child, 'of');
          if (!stepId) problems.push({ line: stepLine, message: '<Step> needs id="…", a step id from the walkthrough file' });
          else if (of !== id) problems.push({ line: stepLine, message: `<Step id="${stepId}"> must say of="${id}", the walkthrough it belongs to` });
          else walkthrough.steps.push({ id: stepId, line: stepLine });
        }
        walkthroughs.push(walkthrough);
        return;
      }
      if (el.name !== 'Checklist') return;
      checklists += 1;
      checklistLine ??= line;
      if (checklists > 1) {
        problems.push({ line, message: 'a chapter has one <Checklist>; merge this one into the first' });
        return;
      }
      for (const child of el.children ?? []) {
        if (child.type !== 'mdxJsxFlowElement' || child.name !== 'Item') continue;
        const childLine = child.position?.start.line ?? line;
        itemLinesInChecklists.add(childLine);
        const idAttr = child.attributes?.find((a) => a.type === 'mdxJsxAttribute' && a.name === 'id');
        if (!idAttr) {
          problems.push({ line: childLine, message: '<Item> has no id; add id="some-stable-id"' });
          continue;
        }
        if (typeof idAttr.value !== 'string') {
          problems.push({ line: childLine, message: '<Item> id must be a plain string such as id="deploy-app", not an expression' });
          continue;
        }
        if (!ITEM_ID_PATTERN.test(idAttr.value)) {
          problems.push({
            line: childLine,
            message: `item id "${idAttr.value}" must be lowercase letters, digits and single hyphens (for example "deploy-app")`,
          });
          continue;
        }
        const label = ctx
          .textContent(child as never)
          .replace(/\s+/g, ' ')
          .trim();
        if (!label) problems.push({ line: childLine, message: `item "${idAttr.value}" has no text` });
        items.push({ id: idAttr.value, label, line: childLine });
      }
    },
  });

  try {
    mdxToJs(source, { mdastPlugins: [collect] });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const line = Number(/^(\d+):\d+/.exec(message)?.[1] ?? 0);
    return {
      items: [],
      problems: [{ line, message: `MDX does not parse: ${message}` }],
      headingLines: [],
      walkthroughs: [],
      terms: [],
      facts: [],
      chapterLinks: [],
      headings: [],
    };
  }

  for (const line of allItemLines) {
    if (!itemLinesInChecklists.has(line)) {
      problems.push({ line, message: '<Item> must sit directly inside <Checklist>' });
    }
  }
  for (const line of allStepLines) {
    if (!stepLinesInWalkthroughs.has(line)) problems.push({ line, message: '<Step> must sit directly inside <Walkthrough>' });
  }
  const firstLine = new Map<string, number>();
  for (const item of items) {
    const seen = firstLine.get(item.id);
    if (seen === undefined) firstLine.set(item.id, item.line);
    else problems.push({ line: item.line, message: `checklist item id "${item.id}" repeats (first used on line ${seen}); give each item its own id` });
  }
  return { items, problems, checklistLine, headingLines, walkthroughs, terms, facts, chapterLinks, headings };
}
