// Fails when a built page holds code the Content-Security-Policy would block
// (deploy/nginx/waymark-headers.conf: `script-src 'self'` plus the hash of
// the one inline script the site allows, the theme set before first paint):
// an inline <script> whose text has no hash in the policy, an on…= handler
// attribute or a javascript: URL. JSON data blocks (<script
// type="application/json">) are data, not code, and allowed.
//   node scripts/check-inline-code.mjs dist [dist-base …]
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { scriptElements } from './lib/page-weight.mjs';

/** The `'sha256-…'` sources of a CSP's script-src, as written. */
export function scriptHashes(csp) {
  const scriptSrc = csp.split(';').find((d) => d.trim().startsWith('script-src')) ?? '';
  return scriptSrc
    .trim()
    .split(/\s+/)
    .filter((source) => /^'sha256-[A-Za-z0-9+/]+=*'$/.test(source));
}

/** The CSP source that allows an inline script with exactly this text. */
export const sha256Source = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** Every problem in one page's HTML, as short descriptions; `allowed` holds the policy's script hashes. */
export function inlineCode(html, allowed = []) {
  const problems = [];
  for (const [tag, attrs, body] of scriptElements(html)) {
    if (/\bsrc=/.test(attrs) || /\btype="application\/(?:ld\+)?json"/.test(attrs)) continue;
    if (body.trim() && !allowed.includes(sha256Source(body))) problems.push(`inline script ${tag.slice(0, 60)} ${body.trim().slice(0, 60)}…`);
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
  const csp = /add_header Content-Security-Policy "([^"]+)" always;/.exec(readFileSync('deploy/nginx/waymark-headers.conf', 'utf8'))?.[1] ?? '';
  const allowed = scriptHashes(csp);
  let pages = 0;
  let failed = 0;
  for (const dir of dirs.length ? dirs : ['dist']) {
    for (const file of htmlFiles(dir)) {
      pages += 1;
      for (const problem of inlineCode(readFileSync(file, 'utf8'), allowed)) {
        failed += 1;
        console.log(`${relative('.', file)}: ${problem}; move the code into a component's <script> (a file), never is:inline, or add its hash to the CSP`);
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
