/**
 * Checks that chapters and walkthrough files agree: every `<Walkthrough>` in
 * a chapter exists, belongs to that chapter and lists the same steps in the
 * same order in every language; every step's checklist item exists.
 */
import type { SourceWalkthrough } from './checklist-source';
import type { ContentProblem } from './content-error';

export interface WalkthroughShape {
  id: string;
  chapter: string;
  file: string;
  steps: { id: string; item?: string }[];
}

export interface ChapterWalkthroughs {
  chapterId: string;
  file: string;
  items: string[];
  walkthroughs: SourceWalkthrough[];
}

export function checkWalkthroughs(defs: readonly WalkthroughShape[], chapters: readonly ChapterWalkthroughs[]): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const byId = new Map(defs.map((d) => [d.id, d]));
  for (const chapter of chapters) {
    for (const used of chapter.walkthroughs) {
      const def = byId.get(used.id);
      if (!def) {
        problems.push({
          file: chapter.file,
          line: used.line,
          message: `walkthrough "${used.id}" does not exist; add walkthroughs/${used.id}/walkthrough.json`,
        });
        continue;
      }
      if (def.chapter !== chapter.chapterId) {
        problems.push({
          file: chapter.file,
          line: used.line,
          message: `walkthrough "${used.id}" belongs to chapter "${def.chapter}" (${def.file}), not "${chapter.chapterId}"`,
        });
      }
      const expected = def.steps.map((s) => s.id);
      const actual = used.steps.map((s) => s.id);
      if (expected.join('\n') !== actual.join('\n')) {
        problems.push({
          file: chapter.file,
          line: used.line,
          message: `the <Step> elements of "${used.id}" are ${actual.join(', ') || '(none)'} but ${def.file} lists ${expected.join(', ')}; write one <Step of="${used.id}" id="…"> per step, in order`,
        });
      }
    }
  }
  for (const def of defs) {
    const owner = chapters.filter((c) => c.chapterId === def.chapter);
    if (!owner.length) {
      problems.push({ file: def.file, message: `chapter "${def.chapter}" does not exist` });
      continue;
    }
    for (const chapter of owner) {
      if (!chapter.walkthroughs.some((w) => w.id === def.id)) {
        problems.push({
          file: chapter.file,
          message: `walkthrough "${def.id}" is not placed in this chapter; add <Walkthrough id="${def.id}"> with its steps`,
        });
      }
    }
    for (const step of def.steps) {
      if (step.item && !owner[0]!.items.includes(step.item)) {
        problems.push({ file: def.file, message: `step "${step.id}" ticks checklist item "${step.item}", which chapter "${def.chapter}" does not have` });
      }
    }
  }
  return problems;
}
