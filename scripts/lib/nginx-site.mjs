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
