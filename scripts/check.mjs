// npm run check [-- <content-dir>] [--strict] [--only <chapter-id>] [--no-runs]: validates a course without building it.
// Dated facts older than the course's review age are listed and fail the run only with --strict.
// --only keeps the problems of one chapter's files (its chapters, glossary, facts and walkthroughs).
// --no-runs skips running the walkthroughs' starters and solutions under the harness (the test
// command does so for the shipped course, whose walkthroughs it runs in Chromium and under Gunicorn).
// Loads the project's TypeScript through Vite, like the build does.
import { ssrServer } from './lib/vite-ssr.mjs';

const args = process.argv.slice(2);
const strict = args.includes('--strict');
const runs = !args.includes('--no-runs');
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? args[onlyAt + 1] : undefined;
const dir = args.find((a, i) => !a.startsWith('--') && (onlyAt < 0 || i !== onlyAt + 1));
if (dir) process.env.WAYMARK_CONTENT = dir;
const server = await ssrServer();
let failed = true;
try {
  const { checkContent } = await server.ssrLoadModule('/scripts/lib/check-content.ts');
  const report = await checkContent(undefined, { runs });
  const mine = (p) =>
    !only ||
    p.file.includes(`/${only}.`) ||
    p.file.includes(`/${only}/`) ||
    (report.walkthroughOf?.[only] && p.file.includes(`/${report.walkthroughOf[only]}/`));
  const sorted = (list) => list.filter(mine).sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
  const where = (p) => `${p.file}${p.line ? `:${p.line}` : ''}`;
  const problems = sorted(report.problems);
  const stale = sorted(report.stale);
  for (const p of problems) console.log(`${where(p)}: ${p.message}`);
  if (stale.length) {
    console.log(`\n${stale.length} dated fact${stale.length === 1 ? ' is' : 's are'} due for review${strict ? '' : ' (not an error; --strict makes it one)'}:`);
    for (const p of stale) console.log(`${where(p)}: ${p.message}`);
  }
  const s = (n) => (n === 1 ? '' : 's');
  console.log(problems.length ? `\n${problems.length} problem${s(problems.length)} found (${report.summary})` : `\ncontent ok: ${report.summary}`);
  failed = problems.length > 0 || (strict && stale.length > 0);
} finally {
  await server.close();
}
process.exit(failed ? 1 : 0);
