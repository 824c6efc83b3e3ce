// Full-page screenshots of what a resident sees first, for people to look at (saved in
// SCREENSHOTS_DIR): on every site, the Japanese home page, a project page, the list of all
// projects and a 404 reached by a deep mistyped address, at a phone width and a desktop width.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { sites, startServer, launchChromium, newContext, assertBuilt, screenshotsDir, siteLabel } from './server.mjs';

const WIDTHS = [360, 1280];
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const outDir = screenshotsDir();
let browser;

before(async () => {
  browser = await launchChromium();
  fs.mkdirSync(outDir, { recursive: true });
});
after(async () => {
  await browser?.close();
});

/** The first link to ja/projects/*.html on ja/projects.html, or else on ja/index.html. */
async function firstProjectPage(page, server) {
  const pattern = new URL('ja/projects/', server.base).href;
  for (const listing of ['ja/projects.html', 'ja/index.html']) {
    const response = await page.goto(new URL(listing, server.base).href);
    if (response?.status() !== 200) continue;
    const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => a.href.split('#')[0]));
    const hit = hrefs.find((h) => h.startsWith(pattern) && /^[^/]+\.html$/.test(h.slice(pattern.length)));
    if (hit) return hit.slice(server.base.length);
  }
  return null;
}

for (const site of sites()) {
  // A short name for the files: the site's folder from the repository, or its own name.
  const name = siteLabel(site).replace(/[/\\]/g, '-').replace(/-public$/, '').replace(/^public$/, 'tomisato')
    .replace(/^[-.]+/, '');
  test(`${siteLabel(site)}: screenshots of the home page, a project, the list and a 404 at 360 and 1280 px`, async (t) => {
    assertBuilt(site);
    const server = await startServer(site, { notFoundPage: true });
    const context = await newContext(browser);
    try {
      const page = await context.newPage();
      const project = await firstProjectPage(page, server);
      assert.ok(project, 'no link to ja/projects/*.html on ja/projects.html or ja/index.html');
      const written = [];
      for (const [rel, status] of [['ja/index.html', 200], [project, 200], ['ja/projects.html', 200], ['ja/a/b/missing.html', 404]]) {
        for (const width of WIDTHS) {
          await page.setViewportSize({ width, height: 800 });
          const response = await page.goto(new URL(rel, server.base).href, { waitUntil: 'networkidle' });
          assert.equal(response?.status(), status, `${rel} answered ${response?.status()}`);
          await page.evaluate(() => document.fonts.ready);
          const file = path.join(outDir, `${name}-${rel.replace(/\.html$/, '').replace(/[/\\]/g, '-')}-${width}.png`);
          await page.screenshot({ path: file, fullPage: true });
          written.push(file);
        }
      }
      for (const file of written) {
        const bytes = fs.readFileSync(file);
        assert.ok(bytes.subarray(0, 8).equals(PNG_SIGNATURE), `${file} is not a PNG`);
        t.diagnostic(`${path.relative(process.cwd(), file)} (${bytes.length} bytes)`);
      }
    } finally {
      await context.close();
      await server.close();
    }
  });
}
