import { copyFileSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// Turns the repo's nginx server config (deploy/nginx/waymark.conf) into one
// the tests can run: only `listen` and `root` change, and for a sub-path the
// edits the config's own comment tells instructors to make. Each edit must
// match exactly once, so the tests never quietly run a config that has
// drifted from what they expect.

function replaceOnce(text, pattern, replacement, what) {
  const matches = text.match(new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`)) ?? [];
  if (matches.length !== 1) {
    throw new Error(`deploy/nginx/waymark.conf: expected exactly one ${what}, found ${matches.length}`);
  }
  return text.replace(pattern, replacement);
}

/**
 * @param {string} config the text of deploy/nginx/waymark.conf
 * @param {{ root: string, port: number, host?: string, base?: string }} options
 *   root: the folder to serve (for a sub-path, the folder that holds it);
 *   base: the sub-path the site was built for, such as "/course/".
 */
export function testServerConfig(config, { root, port, host = '127.0.0.1', base = '/' }) {
  let out = replaceOnce(config, /^\s*listen 80;$/m, `\n    listen ${host}:${port};`, '`listen 80;`');
  out = replaceOnce(out, /^\s*listen \[::\]:80;\n/m, '\n', '`listen [::]:80;`');
  out = replaceOnce(out, /^(\s*)root [^;]+;/m, `$1root ${root};`, '`root …;`');
  if (base !== '/') {
    const prefix = base.replace(/\/$/, '');
    if (!/^(\/[\w.-]+)+$/.test(prefix)) throw new Error(`base must look like /course/, got ${base}`);
    out = replaceOnce(out, /location \^~ \/_astro\//, `location ^~ ${prefix}/_astro/`, 'location ^~ /_astro/');
    out = replaceOnce(out, /location ~ \^\/pyodide\//, `location ~ ^${prefix}/pyodide/`, 'location ~ ^/pyodide/');
    out = replaceOnce(out, /error_page 404 \/404\.html;/, `error_page 404 ${prefix}/404.html;`, 'error_page 404 /404.html;');
  }
  return out;
}

/** Debian's Brotli module for nginx (package libnginx-mod-http-brotli-static). */
export const BROTLI_MODULE = '/usr/lib/nginx/modules/ngx_http_brotli_static_module.so';

/**
 * The main nginx.conf around it: everything under `dir`, in the foreground, with the dynamic `modules` loaded.
 * @param {{ dir: string, user: string | null, modules?: string[] }} options
 */
export function testMainConfig({ dir, user, modules = [] }) {
  return `# Written by scripts/serve-nginx.mjs for a test run; not for deployment.
${modules.map((m) => `load_module ${m};\n`).join('')}daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log stderr warn;
${user ? `user ${user};\n` : ''}events { worker_connections 256; }
http {
    access_log off;
    log_not_found off;
    sendfile on;
    client_body_temp_path ${dir}/tmp/body;
    proxy_temp_path ${dir}/tmp/proxy;
    fastcgi_temp_path ${dir}/tmp/fastcgi;
    uwsgi_temp_path ${dir}/tmp/uwsgi;
    scgi_temp_path ${dir}/tmp/scgi;
    include ${dir}/waymark.conf;
}
`;
}

/**
 * Lays out a folder nginx can run from with the repo's config
 * (deploy/nginx/): its `snippets/` (the headers, and the Brotli snippet with
 * its module when `brotli`), the server block for `root` and `port` (and a
 * sub-path `base`), and the main nginx.conf. Returns the main config's path.
 * @param {string} dir an empty folder
 * @param {{ root: string, port: number, host?: string, base?: string, user: string | null, brotli: boolean, deploy?: string }} options
 */
export function writeTestSite(dir, { root, port, host, base, user, brotli, deploy = 'deploy/nginx' }) {
  mkdirSync(join(dir, 'tmp'), { recursive: true });
  mkdirSync(join(dir, 'snippets'), { recursive: true });
  // `include snippets/…` resolves against the main config's folder, as /etc/nginx/snippets/ does on Debian.
  copyFileSync(join(deploy, 'waymark-headers.conf'), join(dir, 'snippets', 'waymark-headers.conf'));
  if (brotli) {
    statSync(BROTLI_MODULE); // fails clearly when the module is missing: run scripts/ensure-nginx.sh
    copyFileSync(join(deploy, 'waymark-brotli.conf'), join(dir, 'snippets', 'waymark-brotli.conf'));
  }
  writeFileSync(join(dir, 'waymark.conf'), testServerConfig(readFileSync(join(deploy, 'waymark.conf'), 'utf8'), { root, port, host, base }));
  const main = join(dir, 'nginx.conf');
  writeFileSync(main, testMainConfig({ dir, user, modules: brotli ? [BROTLI_MODULE] : [] }));
  return main;
}
