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
import { ContentError, type ContentProblem } from '../lib/course-model';
import { schemaProblems } from '../lib/json-lines';

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

export function loadWalkthroughs(root = join(contentDir, 'walkthroughs')): Walkthrough[] {
  if (!existsSync(root)) return [];
  const problems: ContentProblem[] = [];
  const found: Walkthrough[] = [];
  for (const name of readdirSync(root).sort()) {
    if (!existsSync(join(root, name, 'walkthrough.json'))) continue;
    const walkthrough = loadOne(join(root, name), problems);
    if (walkthrough && walkthrough.id !== name) {
      problems.push({ file: walkthrough.file, message: `id "${walkthrough.id}" must match its folder name "${name}"` });
    }
    if (walkthrough) found.push(walkthrough);
  }
  if (problems.length) throw new ContentError(problems);
  return found;
}
