// What a built page costs the browser before the learner does anything:
// HTML, CSS (linked and inline) and JS (module scripts with every static
// import they pull in, plus inline scripts), raw and gzip. Dynamic imports
// load later, on demand, and are reported apart.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { init, parse } from 'es-module-lexer';

await init;

const gz = (text) => gzipSync(text, { level: 9 }).length;
const bytes = (text) => Buffer.byteLength(text);

function size(parts) {
  const joined = parts.join('\n');
  return { raw: bytes(joined), gzip: parts.length ? gz(joined) : 0, files: parts.length };
}

function localPath(dist, base, url) {
  const path = url.split(/[?#]/)[0];
  return join(dist, path.startsWith(base) ? path.slice(base.length) : path);
}

/** Follows static imports from each entry module; returns module texts and dynamic targets. */
function moduleGraph(dist, base, entries) {
  const seen = new Map();
  const lazy = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    const code = readFileSync(file, 'utf8');
    seen.set(file, code);
    const [imports] = parse(code);
    for (const imp of imports) {
      if (!imp.n || (!imp.n.startsWith('.') && !imp.n.startsWith('/'))) continue;
      const target = imp.n.startsWith('/') ? localPath(dist, base, imp.n) : join(file, '..', imp.n);
      if (imp.d > -1) lazy.add(target);
      else visit(target);
    }
  };
  for (const entry of entries) visit(entry);
  for (const file of seen.keys()) lazy.delete(file);
  return { modules: [...seen.values()], lazy: [...lazy] };
}

/**
 * The page's <script> elements as [attributes, body]. Tags are read whole,
 * quoted attribute values included, so a "<script>" inside an attribute
 * (walkthrough data quoting learner code, say) is not taken for one.
 */
export function scriptElements(html) {
  const tag = /<!--[\s\S]*?-->|<([a-zA-Z][\w-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
  const found = [];
  let match;
  while ((match = tag.exec(html))) {
    if (match[1]?.toLowerCase() !== 'script') continue;
    const end = html.indexOf('</script>', tag.lastIndex);
    found.push([match[0], match[2] ?? '', html.slice(tag.lastIndex, end)]);
    tag.lastIndex = end + '</script>'.length;
  }
  return found;
}

export function pageWeight(dist, base, htmlFile) {
  const html = readFileSync(htmlFile, 'utf8');
  const scripts = scriptElements(html);
  const moduleSrcs = scripts.map(([, attrs]) => /\bsrc="([^"]+)"/.exec(attrs)?.[1]).filter(Boolean);
  const inlineJs = scripts
    .filter(([, attrs, body]) => !/\bsrc=/.test(attrs) && !/type="application\/json"/.test(attrs) && body.trim())
    .map(([, , body]) => body);
  const data = scripts.filter(([, attrs]) => /type="application\/json"/.test(attrs)).map(([, , body]) => body);
  const cssLinks = [...html.matchAll(/<link\b[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) => m[1]);
  const inlineCss = [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1]);
  const graph = moduleGraph(
    dist,
    base,
    moduleSrcs.map((src) => localPath(dist, base, src)),
  );
  return {
    html: size([html]),
    css: size([...cssLinks.map((href) => readFileSync(localPath(dist, base, href), 'utf8')), ...inlineCss]),
    js: size([...graph.modules, ...inlineJs]),
    data: size(data),
    lazyModules: graph.lazy.length,
    /** Files fetched before the page is ready: script files (with their static imports) and stylesheets. */
    requests: { scripts: graph.modules.length, stylesheets: cssLinks.length },
  };
}

/** One representative HTML file per page type, from the course's own routes. */
export function pageTypes(dist, chapterSlug) {
  return {
    root: join(dist, 'index.html'),
    'learning path (en)': join(dist, 'en/index.html'),
    'learning path (zh-cn)': join(dist, 'zh-cn/index.html'),
    'chapter (en)': join(dist, 'en/chapters', chapterSlug, 'index.html'),
    'chapter (zh-cn)': join(dist, 'zh-cn/chapters', chapterSlug, 'index.html'),
    'progress (en)': join(dist, 'en/progress/index.html'),
    'progress (zh-cn)': join(dist, 'zh-cn/progress/index.html'),
  };
}

/** A chapter page's files before it is ready: one script (its static imports included), no stylesheet. */
export const CHAPTER_REQUEST_BUDGET = { scripts: 1, stylesheets: 0 };

/** The budget the brief sets: a chapter page's own JS stays in single-digit kilobytes gzip. */
export const CHAPTER_JS_BUDGET_GZIP = 10 * 1024;
