// Shared helpers for the browser tests: a bounded static file server that serves a built
// site under a subfolder (as a municipality's web server would), the list of sites to
// test, and a headless Chromium launcher that never downloads anything.
import http from 'node:http';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const HERE = path.dirname(fileURLToPath(import.meta.url));

/** The subfolder every site is served under. */
export const PREFIX = '/shisei/kyodo/';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.jsonld': 'application/ld+json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
};

export function contentType(file) {
  return TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Serves `root` under http://127.0.0.1:<random port>/shisei/kyodo/ (everything outside the
 * subfolder is 404). A folder URL serves its index.html. With `notFoundPage`, a missing file
 * in the subfolder gets the site's 404.html (status 404), as a static host would send it. Resolves to
 * { base, close } where base ends with the subfolder's slash; close() ends every
 * connection and the server.
 */
export async function startServer(root, { notFoundPage = false } = {}) {
  const absRoot = path.resolve(root);
  // As a static host configured with an error page: the site's 404.html, for any missing
  // path inside the subfolder, with status 404.
  const notFound = async (res, method) => {
    const page = path.join(absRoot, '404.html');
    const body = await fsp.readFile(page).catch(() => null);
    if (!body) return false;
    res.writeHead(404, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(method === 'HEAD' ? undefined : body);
    return true;
  };
  const server = http.createServer(async (req, res) => {
    const send = (status, body, type = 'text/plain; charset=utf-8') => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed\n');
      const pathname = new URL(req.url, 'http://x').pathname;
      if (!pathname.startsWith(PREFIX)) return send(404, 'not found\n');
      let rel;
      try {
        rel = decodeURIComponent(pathname.slice(PREFIX.length));
      } catch {
        return send(400, 'bad request\n');
      }
      if (rel.includes('\0')) return send(400, 'bad request\n');
      let file = path.resolve(absRoot, '.' + path.posix.sep + rel);
      if (file !== absRoot && !file.startsWith(absRoot + path.sep)) return send(404, 'not found\n');
      let stat = await fsp.stat(file).catch(() => null);
      if (stat?.isDirectory()) {
        file = path.join(file, 'index.html');
        stat = await fsp.stat(file).catch(() => null);
      }
      if (!stat?.isFile()) {
        if (notFoundPage && (await notFound(res, req.method))) return;
        return send(404, 'not found\n');
      }
      res.writeHead(200, {
        'content-type': contentType(file),
        'content-length': stat.size,
        'cache-control': 'no-store',
      });
      if (req.method === 'HEAD') return res.end();
      fs.createReadStream(file).on('error', () => res.destroy()).pipe(res);
    } catch (err) {
      if (!res.headersSent) send(500, String(err) + '\n');
      else res.destroy();
    }
  });
  server.keepAliveTimeout = 1000;
  server.requestTimeout = 30_000;
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  return {
    base: `http://127.0.0.1:${port}${PREFIX}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Site folders to test: SITES (comma-separated, relative to the current folder) or the default two. */
export function sites() {
  const fromEnv = process.env.SITES?.trim();
  const list = fromEnv
    ? fromEnv.split(',').map((s) => path.resolve(process.cwd(), s.trim()))
    : ['../../public', '../../examples/nasushiobara/public'].map((s) => path.resolve(HERE, s));
  return list.filter(Boolean);
}

export function screenshotsDir() {
  const fromEnv = process.env.SCREENSHOTS_DIR?.trim();
  return fromEnv ? path.resolve(process.cwd(), fromEnv) : path.resolve(HERE, '../../target/screenshots');
}

/** Throws a readable error when a site folder has not been built. */
export function assertBuilt(site) {
  if (!fs.existsSync(path.join(site, 'index.html'))) {
    throw new Error(
      `${site} has no index.html: build it first (cd /work/main && cargo run --release -- build` +
        `${site.includes('nasushiobara') ? ' --root examples/nasushiobara' : ''})`,
    );
  }
}

/** Every *.html file under `dir`, as paths relative to it with forward slashes, sorted. */
export function htmlFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.isFile() && entry.name.toLowerCase().endsWith('.html')) out.push(p);
    }
  };
  walk(dir);
  return out.map((p) => path.relative(dir, p).split(path.sep).join('/')).sort();
}

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Launches the machine's Chromium through playwright-core (which never downloads a
 * browser). Playwright gives each launch a fresh temporary user-data dir and removes it on
 * close.
 */
export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    timeout: 60_000,
  });
}

/**
 * A browser context whose pages may only reach the loopback server: any other request is
 * aborted (and recorded in context.blockedRequests), so a test never touches the network.
 */
export async function newContext(browser, options = {}) {
  const context = await browser.newContext({ locale: 'ja-JP', ...options });
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(30_000);
  context.blockedRequests = [];
  await context.route(
    (url) => !(url.protocol === 'http:' && url.hostname === '127.0.0.1'),
    (route) => {
      context.blockedRequests.push(route.request().url());
      return route.abort('blockedbyclient');
    },
  );
  return context;
}

/** A short label for a site folder: its path from the repository root, e.g. "examples/nasushiobara/public". */
export function siteLabel(site) {
  const rel = path.relative(path.resolve(HERE, '../..'), site).split(path.sep).join('/');
  return rel && !rel.startsWith('..') ? rel : site;
}
