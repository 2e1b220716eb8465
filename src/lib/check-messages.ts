/**
 * Learner-facing messages of walkthroughs are Python `str.format` templates
 * kept per language (the harness catalog, and each python check's own
 * `messages`). A learner must never meet a message in another language, nor
 * a template whose placeholders the other language lacks, so both are
 * checked here, at build time, with the author's file and line.
 */

/** Placeholder names a `str.format` template uses: `{got!r}` → `got`. Doubled braces are literal. */
export function templateFields(template: string): string[] {
  const fields = new Set<string>();
  for (const match of template
    .replaceAll('{{', '')
    .replaceAll('}}', '')
    .matchAll(/\{([^{}!:]*)(?:![rsa])?(?::[^{}]*)?\}/g)) {
    fields.add(match[1]!.split(/[.[]/)[0]!);
  }
  return [...fields].sort();
}

export type TemplateProblem =
  | { code: 'missing-locale'; key: string; locale: string }
  | { code: 'fields-differ'; key: string; locale: string; fields: string[]; expected: string[] };

/**
 * Every message has a text in every locale, with the placeholders of the
 * first locale's text. `messages` maps key → locale → template, with keys
 * from outside: only own entries are read.
 */
export function templateProblems(messages: Readonly<Record<string, Readonly<Record<string, string>>>>, locales: readonly string[]): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  for (const [key, texts] of Object.entries(messages)) {
    const has = (locale: string) => Object.hasOwn(texts, locale) && typeof texts[locale] === 'string' && texts[locale] !== '';
    const first = locales.find(has);
    const expected = first ? templateFields(texts[first]!) : [];
    for (const locale of locales) {
      if (!has(locale)) {
        problems.push({ code: 'missing-locale', key, locale });
        continue;
      }
      const fields = templateFields(texts[locale]!);
      if (fields.join(',') !== expected.join(',')) problems.push({ code: 'fields-differ', key, locale, fields, expected });
    }
  }
  return problems;
}

export function describeTemplateProblem(problem: TemplateProblem): string {
  switch (problem.code) {
    case 'missing-locale':
      return `message "${problem.key}" has no ${problem.locale} text; every message a learner can see needs every language`;
    case 'fields-differ':
      return `message "${problem.key}" in ${problem.locale} uses {${problem.fields.join('}, {')}} but the first language uses {${problem.expected.join('}, {')}}; use the same placeholders`;
  }
}

/** One `assert` statement of a python check, with the line it starts on (0-based within the code). */
interface AssertStatement {
  text: string;
  line: number;
}

/** Splits check code into its `assert` statements, following brackets and backslashes across lines. */
function assertStatements(code: string): AssertStatement[] {
  const lines = code.split('\n');
  const found: AssertStatement[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    if (!/^\s*assert\b/.test(lines[i]!)) continue;
    let text = lines[i]!;
    let depth = 0;
    let j = i;
    const measure = (line: string) => {
      for (const ch of line.replace(/(['"])(?:\\.|(?!\1).)*\1/g, '')) depth += '([{'.includes(ch) ? 1 : ')]}'.includes(ch) ? -1 : 0;
    };
    measure(text);
    while ((depth > 0 || text.endsWith('\\')) && j + 1 < lines.length) {
      j += 1;
      text += `\n${lines[j]}`;
      measure(lines[j]!);
    }
    found.push({ text, line: i });
    i = j;
  }
  return found;
}

export type CheckCodeProblem =
  | { code: 'assert-without-msg'; line: number; statement: string }
  | { code: 'undeclared'; key: string; line: number }
  | { code: 'unused'; key: string };

/**
 * A python check's failures must come from its declared messages: every
 * `assert` says `msg('key', …)`, every key used is declared, and every
 * declared key is used. (The harness refuses anything else at run time too;
 * this finds it before a learner does.)
 */
export function checkCodeProblems(code: string, declared: readonly string[]): CheckCodeProblem[] {
  const problems: CheckCodeProblem[] = [];
  for (const statement of assertStatements(code)) {
    if (!/,\s*msg\(/.test(statement.text))
      problems.push({ code: 'assert-without-msg', line: statement.line, statement: statement.text.trim().split('\n')[0]! });
  }
  const used = new Set<string>();
  for (const match of code.matchAll(/\bmsg\(\s*(['"])([^'"]*)\1/g)) {
    used.add(match[2]!);
    const line = code.slice(0, match.index).split('\n').length - 1;
    if (!declared.includes(match[2]!)) problems.push({ code: 'undeclared', key: match[2]!, line });
  }
  for (const key of declared) if (!used.has(key)) problems.push({ code: 'unused', key });
  return problems;
}

export function describeCheckCodeProblem(problem: CheckCodeProblem): string {
  switch (problem.code) {
    case 'assert-without-msg':
      return `\`${problem.statement}\` fails without a translatable message; write \`assert …, msg('some-key', value=…)\` and declare "some-key" in the check's "messages"`;
    case 'undeclared':
      return `msg('${problem.key}') names no entry of the check's "messages"; declare it with a text in every language`;
    case 'unused':
      return `message "${problem.key}" is declared but no assert uses it; remove it or use it`;
  }
}
