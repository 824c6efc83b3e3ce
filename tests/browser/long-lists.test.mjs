// A list of more than one page (LONG_SITE: a site with over 100 projects, e.g. made by
// `kyodo-bench generate --projects 250`): its filters and sorting work across all its
// pages from the facet files of the search index, and the filtered address reloads the same.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startServer, launchChromium, newContext, assertBuilt } from './server.mjs';

const site = process.env.LONG_SITE?.trim() ? path.resolve(process.cwd(), process.env.LONG_SITE.trim()) : null;
let browser, server;

before(async () => {
  if (!site) return;
  assertBuilt(site);
  server = await startServer(site);
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const cards = (page) =>
  page.$$eval('#project-list li.project-card', (els) => els.filter((e) => e.checkVisibility()).map((e) => ({
    href: e.querySelector('a').getAttribute('href'),
    verdict: e.querySelector('.verdict')?.innerText.trim() ?? '',
  })));

test('a long list filters and sorts across its pages', { skip: site ? false : 'set LONG_SITE to a built site with more than 100 projects' }, async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  try {
    const list = new URL('ja/projects.html', server.base).href;
    await page.goto(list, { waitUntil: 'networkidle' });
    const total = Number(await page.locator('#filters').getAttribute('data-total'));
    assert.ok(Number(await page.locator('#filters').getAttribute('data-pages')) > 1, 'the list has one page');
    const status = (await page.$$eval('#filter-status option', (os) => os.map((o) => o.value).filter(Boolean)))[0];
    const expected = Number((await page.locator(`#filter-status option[value="${status}"]`).innerText()).replace(/\D+/g, ' ').trim().split(' ').pop());
    await page.selectOption('#filter-status', status);
    await page.waitForFunction((n) => document.querySelectorAll('#project-list li.project-card').length === Math.min(n, 100), expected);
    const shown = await cards(page);
    assert.equal(shown.length, Math.min(expected, 100), `${status}: ${shown.length} cards for ${expected} projects`);
    assert.ok(shown.every((c) => c.verdict), 'a card without its verdict');
    assert.ok(await page.locator('.pager').first().isHidden(), 'the pager of the unfiltered list is still shown');
    const count = await page.locator('#filter-count').innerText();
    assert.ok(count.includes(String(expected)) && count.includes(String(total)), count);
    // The address reloads to the same list.
    const again = await context.newPage();
    await again.goto(page.url(), { waitUntil: 'networkidle' });
    await again.waitForFunction((n) => document.querySelectorAll('#project-list li.project-card').length === Math.min(n, 100), expected);
    assert.deepEqual(await cards(again), shown);
    await again.close();
    // Sorting alone shows every project, 100 at a time.
    await page.selectOption('#filter-status', '');
    await page.selectOption('#sort', 'verdict');
    await page.waitForFunction(() => document.querySelector('#project-list + button') !== null);
    await page.locator('#project-list + button').click();
    await page.waitForFunction(() => document.querySelectorAll('#project-list li.project-card').length >= 200);
  } finally {
    await context.close();
  }
});
