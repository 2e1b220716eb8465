// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import pyodideAssets from './src/integrations/pyodide-assets.ts';
import pagefindIndex from './src/integrations/pagefind.ts';
import serviceWorker from './src/integrations/service-worker.ts';
import { defaultLocale, localeKeys } from './src/config/course-config.ts';

// Every page loads one script, Base.astro's (src/layouts/base.ts). Whatever it
// imports statically joins that file, even when another page's script
// imports it too, so a chapter page makes one request for its JavaScript
// instead of one per shared chunk; other pages' scripts import from it, which
// costs them nothing, as they have loaded it already. Lazy code stays apart.
const siteScript = /[\\/]src[\\/]layouts[\\/]Base\.astro\?astro&type=script/;
function inSiteScript(id, getModuleInfo, seen = new Set()) {
  if (siteScript.test(id)) return true;
  if (seen.has(id)) return false;
  seen.add(id);
  return (getModuleInfo(id)?.importers ?? []).some((importer) => inSiteScript(importer, getModuleInfo, seen));
}

// WAYMARK_BASE serves the site under a sub-path (/course/); WAYMARK_OUT and
// WAYMARK_CONTENT let the tests build a second course into its own folder.
const content = process.env.WAYMARK_CONTENT ?? './content';

export default defineConfig({
  site: process.env.WAYMARK_SITE,
  base: process.env.WAYMARK_BASE ?? '/',
  outDir: process.env.WAYMARK_OUT ?? './dist',
  // One content cache per course folder, so building a test course never
  // leaves its entries in the real course's cache.
  cacheDir: `./node_modules/.astro/${content.replace(/[^a-z0-9]+/gi, '-')}`,
  trailingSlash: 'always',
  // The course's languages come from its course.json; the first is the default.
  i18n: {
    locales: [...localeKeys],
    defaultLocale,
    routing: { prefixDefaultLocale: true, redirectToDefaultLocale: false },
  },
  // The service worker stays last: it lists what the others (the search index too) wrote when the build is done.
  integrations: [mdx(), pyodideAssets(), pagefindIndex(), serviceWorker()],
  // Cross-origin isolation lets the page interrupt running Python through a
  // SharedArrayBuffer; without it the worker is terminated and restarted.
  server: {
    headers: {
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
    },
  },
  markdown: {
    shikiConfig: {
      themes: { light: 'github-light-default', dark: 'github-dark-default' },
      defaultColor: false,
    },
  },
  devToolbar: { enabled: false },
  // Pages carry their CSS in <style>: the text paints without waiting for a
  // stylesheet (measured against one external stylesheet with
  // scripts/lib/bench-paint.mjs; the CSP allows inline styles). The class
  // dashboard, an instructor's tool and not a page anyone reads through,
  // keeps its stylesheet as a cached file. Every script goes to a file, never
  // inline in the HTML, so hosts can send a strict Content-Security-Policy
  // (`script-src 'self'` and the one hash of the theme script in Base.astro;
  // see deploy/nginx/); no other asset becomes a data: URL either.
  build: { inlineStylesheets: 'auto' },
  vite: {
    worker: { format: 'es' },
    build: { assetsInlineLimit: (file) => file.endsWith('.css') && !/[\\/]dashboard\.[^/]*\.css$/.test(file) },
    environments: {
      client: {
        build: {
          rolldownOptions: {
            output: { codeSplitting: { groups: [{ name: (id, ctx) => (inSiteScript(id, (m) => ctx.getModuleInfo(m)) ? 'site' : null) }] } },
          },
        },
      },
    },
  },
});
