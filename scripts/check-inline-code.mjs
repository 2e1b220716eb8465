// Fails when a built page holds code the Content-Security-Policy would block
// (deploy/nginx/waymark-headers.conf: `script-src 'self'`, no hashes): an
// inline <script>, an on…= handler attribute or a javascript: URL. JSON data
// blocks (<script type="application/json">) are data, not code, and allowed.
//   node scripts/check-inline-code.mjs dist [dist-base …]
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { scriptElements } from './lib/page-weight.mjs';

/** Every problem in one page's HTML, as short descriptions. */
export function inlineCode(html) {
  const problems = [];
  for (const [tag, attrs, body] of scriptElements(html)) {
    if (/\bsrc=/.test(attrs) || /\btype="application\/(?:ld\+)?json"/.test(attrs)) continue;
    if (body.trim()) problems.push(`inline script ${tag.slice(0, 60)} ${body.trim().slice(0, 60)}…`);
  }
  // Attributes inside tags only, quoted values skipped, so prose that
  // mentions onclick= or a <script> in a code sample is not taken for one.
  const tag = /<[a-zA-Z][\w-]*((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
  for (const [whole, attrs = ''] of html.matchAll(tag)) {
    const handler = /\s(on[a-z]+)\s*=/i.exec(attrs.replace(/"[^"]*"|'[^']*'/g, '""'));
    if (handler) problems.push(`${handler[1]}= handler in ${whole.slice(0, 80)}`);
    if (/\s(?:href|src|action|formaction)\s*=\s*["']?\s*javascript:/i.test(attrs)) problems.push(`javascript: URL in ${whole.slice(0, 80)}`);
  }
  return problems;
}

function htmlFiles(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
    .map((entry) => join(entry.parentPath, entry.name));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dirs = process.argv.slice(2);
  let pages = 0;
  let failed = 0;
  for (const dir of dirs.length ? dirs : ['dist']) {
    for (const file of htmlFiles(dir)) {
      pages += 1;
      for (const problem of inlineCode(readFileSync(file, 'utf8'))) {
        failed += 1;
        console.log(`${relative('.', file)}: ${problem}; move the code into a component's <script> (a file), never is:inline`);
      }
    }
  }
  if (!pages) {
    console.error('check-inline-code: no pages found; build the site first');
    process.exit(1);
  }
  console.log(`${failed ? 'FAIL' : 'ok  '} ${pages} pages checked for inline code the CSP would block: ${failed} found`);
  process.exit(failed ? 1 : 0);
}
