/**
 * One term per concept: a locale's term list (`content/terms.<locale>.json`)
 * names the term to use for each concept and the variants to avoid, with
 * the phrases in which a variant is still right (地区 in 国家或地区). Text is
 * checked line by line, so problems point at a line.
 */

export interface TermRule {
  /** The term to use. */
  term: string;
  /** What it means, for the reader of a problem. */
  concept: string;
  /** Variants that name the same concept and should not be used. */
  avoid: string[];
  /** Phrases containing a variant where it is correct. */
  allow?: string[];
}

export interface TermProblem {
  /** 1-based, within the text given. */
  line: number;
  found: string;
  rule: TermRule;
}

/** Every occurrence of an avoided variant that no allowed phrase covers. */
export function termProblems(text: string, rules: readonly TermRule[]): TermProblem[] {
  const problems: TermProblem[] = [];
  text.split('\n').forEach((line, index) => {
    for (const rule of rules) {
      const covered: [number, number][] = [];
      for (const phrase of rule.allow ?? []) {
        for (let at = line.indexOf(phrase); at >= 0; at = line.indexOf(phrase, at + 1)) covered.push([at, at + phrase.length]);
      }
      for (const variant of rule.avoid) {
        for (let at = line.indexOf(variant); at >= 0; at = line.indexOf(variant, at + variant.length)) {
          const end = at + variant.length;
          if (!covered.some(([from, to]) => from <= at && end <= to)) problems.push({ line: index + 1, found: variant, rule });
        }
      }
    }
  });
  return problems;
}

export function describeTermProblem(problem: TermProblem): string {
  return `“${problem.found}”: the course says “${problem.rule.term}” for ${problem.rule.concept}`;
}
