/**
 * Code samples in a Chinese chapter explain themselves in Chinese: a comment
 * in a fenced code block that reads as an English sentence is reported. Paths,
 * commands and identifiers in comments are fine (`# app.py`,
 * `# fly apps restart my-app`), so only plain words count.
 */

const HAN = /[\u3400-\u9fff]/;
const FENCE = /^\s*(```|~~~)/;
/** A comment after code or on its own line, in the comment styles the course's samples use. */
const COMMENT = /(?:^|\s)(?:#|\/\/|--)\s+(.*)$/;

/** Words a reader reads as prose: letters only, not paths, flags, identifiers or names with dots. */
function proseWords(text: string): string[] {
  return text
    .split(/\s+/)
    .map((w) => w.replace(/^[("'“‘]+|[)"'”’,.;:!?，。；：！？]+$/g, ''))
    .filter((w) => /^[A-Za-z]{2,}$/.test(w));
}

export interface CommentProblem {
  /** 1-based line in the file. */
  line: number;
  comment: string;
}

/** Comments in fenced code that are English sentences: four or more plain words and no Chinese. */
export function englishComments(source: string, minWords = 4): CommentProblem[] {
  const problems: CommentProblem[] = [];
  let fenced = false;
  source.split('\n').forEach((line, index) => {
    if (FENCE.test(line)) {
      fenced = !fenced;
      return;
    }
    if (!fenced) return;
    const comment = COMMENT.exec(line)?.[1];
    if (comment && !HAN.test(comment) && proseWords(comment).length >= minWords) problems.push({ line: index + 1, comment: comment.trim() });
  });
  return problems;
}
