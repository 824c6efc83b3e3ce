// Full-page screenshots of the first site's Japanese home page and one project page, at a
// phone width and a desktop width, for people to look at (saved in SCREENSHOTS_DIR).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { sites, startServer, launchChromium, newContext, assertBuilt, screenshotsDir } from './server.mjs';

const WIDTHS = [360, 1280];
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const site = sites()[0];
const outDir = screenshotsDir();
let browser, server;

before(async () => {
  assertBuilt(site);
  server = await startServer(site);
  browser = await launchChromium();
  fs.mkdirSync(outDir, { recursive: true });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** The first link to ja/projects/*.html on ja/projects.html, or else on ja/index.html. */
async function firstProjectPage(page) {
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

test('screenshots of ja/index.html and a project page at 360 and 1280 px', async (t) => {
  const context = await newContext(browser);
  try {
    const page = await context.newPage();
    const project = await firstProjectPage(page);
    assert.ok(project, 'no link to ja/projects/*.html on ja/projects.html or ja/index.html');
    const written = [];
    for (const rel of ['ja/index.html', project]) {
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 800 });
        const response = await page.goto(new URL(rel, server.base).href, { waitUntil: 'load' });
        assert.equal(response?.status(), 200, `${rel} did not load`);
        await page.evaluate(() => document.fonts.ready);
        const file = path.join(outDir, `${rel.replace(/\.html$/, '').replace(/[/\\]/g, '-')}-${width}.png`);
        await page.screenshot({ path: file, fullPage: true });
        written.push(file);
      }
    }
    for (const file of written) {
      assert.ok(fs.existsSync(file), `${file} was not written`);
      const bytes = fs.readFileSync(file);
      assert.ok(bytes.length > PNG_SIGNATURE.length, `${file} is empty`);
      assert.ok(bytes.subarray(0, 8).equals(PNG_SIGNATURE), `${file} is not a PNG`);
      t.diagnostic(`${path.relative(process.cwd(), file)} (${bytes.length} bytes)`);
    }
  } finally {
    await context.close();
  }
});
