// Serves a built site with Debian's nginx and the repo's own server config
// (deploy/nginx/), changing only the port and the folder, so the tests check
// the config instructors copy. Everything nginx writes goes to a temporary
// folder, removed when this process is stopped.
//   node scripts/serve-nginx.mjs --dir dist --port 4505 [--base /course/] [--no-brotli]
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeTestSite } from './lib/nginx-site.mjs';

const { values } = parseArgs({
  options: {
    dir: { type: 'string', default: 'dist' },
    port: { type: 'string', default: '4415' },
    host: { type: 'string', default: '127.0.0.1' },
    base: { type: 'string', default: '/' },
    'no-brotli': { type: 'boolean', default: false },
  },
});

const nginx = process.env.NGINX_PATH ?? '/usr/sbin/nginx';
const site = resolve(values.dir);
statSync(join(site, 'index.html')); // fails clearly when the site is not built
const dir = mkdtempSync(join(tmpdir(), 'waymark-nginx-'));

// Under a sub-path the served folder holds the site in a folder named after
// the base, exactly as the config's comment tells instructors to lay it out.
let root = site;
if (values.base !== '/') {
  root = join(dir, 'www');
  mkdirSync(join(root, ...values.base.split('/').filter(Boolean).slice(0, -1)), { recursive: true });
  symlinkSync(site, join(root, ...values.base.split('/').filter(Boolean)));
}

// Run as root, nginx's workers would become `nobody`; the build belongs to
// whoever built it, so the workers run as that user instead (tests only).
const owner = process.getuid?.() === 0 ? statSync(site).uid : null;
const user = owner === null ? null : owner === 0 ? 'root' : userInfo().username;
// The optional Brotli snippet goes in as an instructor with nginx's Brotli
// module installs it (scripts/ensure-nginx.sh installs Debian's);
// `--no-brotli` serves as a server without it.
const mainConfig = writeTestSite(dir, {
  root,
  port: Number(values.port),
  host: values.host,
  base: values.base,
  user,
  brotli: !values['no-brotli'],
  deploy: resolve('deploy/nginx'),
});

const child = spawn(nginx, ['-p', dir, '-e', 'stderr', '-c', mainConfig], { stdio: 'inherit' });
let stopping = false;
const cleanUp = () => rmSync(dir, { recursive: true, force: true });
child.on('error', (error) => {
  console.error(`serve-nginx: cannot start ${nginx} (${error.message}); run scripts/ensure-nginx.sh`);
  cleanUp();
  process.exit(1);
});
child.on('exit', (code, signal) => {
  cleanUp();
  if (!stopping) console.error(`serve-nginx: nginx stopped (${signal ?? `exit ${code}`})`);
  process.exit(stopping ? 0 : code || 1);
});
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) {
  process.on(signal, () => {
    stopping = true;
    // SIGQUIT: finish open requests, then exit.
    child.kill('SIGQUIT');
  });
}
console.log(`serving ${site} with nginx at http://${values.host}:${values.port}${values.base}`);
