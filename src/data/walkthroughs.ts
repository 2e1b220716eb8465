/**
 * Walkthroughs as pages see them at build time: each
 * `walkthroughs/<id>/walkthrough.json` validated against its schema, with the
 * starter and solution files of every step read from
 * `walkthroughs/<id>/<step>/starter/` and `…/solution/`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { contentDir } from '../config/content-dir';
import { walkthroughSchema, type StepConfig, type WalkthroughConfig } from '../config/schema';
import { localeKeys } from '../config/course-config';
import { checkCodeProblems, describeCheckCodeProblem, describeTemplateProblem, templateProblems } from '../lib/check-messages';
import { ContentError, type ContentProblem } from '../lib/content-error';
import { jsonLine, jsonValueLines, schemaProblems } from '../lib/json-lines';
import harnessCatalog from '../runtime/python/waymark/messages.json';

export interface StepFile {
  name: string;
  starter: string;
  solution: string;
}

export interface Walkthrough extends Omit<WalkthroughConfig, 'steps'> {
  file: string;
  steps: (Omit<StepConfig, 'files'> & { files: StepFile[] })[];
}

function loadOne(dir: string, problems: ContentProblem[]): Walkthrough | undefined {
  const file = relative(process.cwd(), join(dir, 'walkthrough.json'));
  const text = readFileSync(join(dir, 'walkthrough.json'), 'utf8');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    problems.push({ file, message: `not valid JSON: ${error instanceof Error ? error.message : String(error)}` });
    return undefined;
  }
  const parsed = walkthroughSchema.safeParse(raw);
  if (!parsed.success) {
    problems.push(...schemaProblems(file, text, parsed.error.issues));
    return undefined;
  }
  const config = parsed.data;
  problems.push(...checkMessageProblems(file, text, config));
  const steps = config.steps.map((step) => {
    const files = step.files.map((name) => {
      const starterPath = join(dir, step.id, 'starter', name);
      const solutionPath = join(dir, step.id, 'solution', name);
      if (!existsSync(solutionPath)) {
        problems.push({ file, message: `step "${step.id}" lists ${name}, but ${relative(process.cwd(), solutionPath)} is missing` });
      }
      return {
        name,
        starter: existsSync(starterPath) ? readFileSync(starterPath, 'utf8') : '',
        solution: existsSync(solutionPath) ? readFileSync(solutionPath, 'utf8') : '',
      };
    });
    return { ...step, files };
  });
  return { ...config, file, steps };
}

/** Python checks fail only with their own declared messages, complete in every language. */
function checkMessageProblems(file: string, text: string, config: WalkthroughConfig): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const lines = jsonValueLines(text);
  config.steps.forEach((step, s) => {
    step.checks.forEach((check, c) => {
      const at = ['steps', s, 'checks', c] as const;
      const messages = check.messages ?? {};
      for (const p of templateProblems(messages, localeKeys)) {
        problems.push({ file, line: jsonLine(lines, [...at, 'messages', p.key, p.locale]), message: `check "${check.id}": ${describeTemplateProblem(p)}` });
      }
      if (check.type !== 'python') return;
      const code = typeof check.code === 'string' ? check.code : '';
      for (const p of checkCodeProblems(code, Object.keys(messages))) {
        const where = p.code === 'unused' ? [...at, 'messages', p.key] : [...at, 'code'];
        problems.push({ file, line: jsonLine(lines, where), message: `check "${check.id}": ${describeCheckCodeProblem(p)}` });
      }
    });
  });
  return problems;
}

const HARNESS_CATALOG = 'src/runtime/python/waymark/messages.json';

/** The harness's own messages (build log, run errors, check reasons) in every language of the course. */
export function harnessCatalogProblems(catalog: Record<string, unknown> = harnessCatalog): ContentProblem[] {
  const problems: ContentProblem[] = [];
  for (const section of ['messages', 'buildLog'] as const) {
    const entries = catalog[section] as Record<string, Record<string, string>>;
    for (const p of templateProblems(entries, localeKeys)) problems.push({ file: HARNESS_CATALOG, message: `${section}: ${describeTemplateProblem(p)}` });
  }
  return problems;
}

/**
 * Every walkthrough of the course. Problems end the build (a ContentError
 * listing them all); `npm run check` passes `report` to collect them instead
 * and still get every walkthrough that could be read.
 */
export function loadWalkthroughs(root = join(contentDir, 'walkthroughs'), report?: ContentProblem[]): Walkthrough[] {
  if (!existsSync(root)) return [];
  const problems: ContentProblem[] = harnessCatalogProblems();
  const found: Walkthrough[] = [];
  for (const name of readdirSync(root).sort()) {
    if (!existsSync(join(root, name, 'walkthrough.json'))) continue;
    const walkthrough = loadOne(join(root, name), problems);
    if (walkthrough && walkthrough.id !== name) {
      problems.push({ file: walkthrough.file, message: `id "${walkthrough.id}" must match its folder name "${name}"` });
    }
    if (walkthrough) found.push(walkthrough);
  }
  if (report) report.push(...problems);
  else if (problems.length) throw new ContentError(problems);
  return found;
}
