// Site search on the Tomisato site (the first of SITES), served under the subfolder.
// Contract: /{lang}/search.html has <form id="search-form" role="search"> with
// <input id="search-input" type="search" name="q">, results in <ol id="search-results">
// as <li><a href="…">title</a>…</li>, status in <p id="search-status" aria-live="polite">,
// and reads ?q= on load.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sites, startServer, launchChromium, newContext, assertBuilt } from './server.mjs';

const site = sites()[0];
let browser, server, context;

before(async () => {
  assertBuilt(site);
  server = await startServer(site);
  browser = await launchChromium();
  context = await newContext(browser);
});
after(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

/** Every result: the list item's text, the link's text and its resolved URL. */
function results(page) {
  return page.$$eval('#search-results li', (items) =>
    items.map((li) => {
      const a = li.querySelector('a');
      return { text: li.textContent.replace(/\s+/g, ' ').trim(), title: a?.textContent.trim() ?? '', href: a?.href ?? '' };
    }),
  );
}

async function openSearch(page, lang, query) {
  const url = new URL(`${lang}/search.html${query === undefined ? '' : `?q=${encodeURIComponent(query)}`}`, server.base).href;
  const response = await page.goto(url);
  assert.equal(response?.status(), 200, `${url} did not load`);
  for (const sel of ['form#search-form[role="search"]', '#search-input[type="search"][name="q"]', 'ol#search-results', '#search-status[aria-live="polite"]']) {
    assert.equal(await page.locator(sel).count(), 1, `${lang}/search.html has no ${sel}`);
  }
}

/** Types a query into the search box and presses Enter; waits for the first result link. */
async function searchFor(page, query) {
  await page.locator('#search-input').fill(query);
  await page.locator('#search-input').press('Enter');
  await page.waitForLoadState('load');
  await page.locator('#search-results li a').first().waitFor({ timeout: 10_000 });
}

async function assertLoads(href) {
  const response = await context.request.get(href);
  assert.equal(response.status(), 200, `result link ${href} answered HTTP ${response.status()}`);
}

function show(list) {
  return list.map((r) => `  ${r.href}  ${r.text.slice(0, 100)}`).join('\n') || '  (none)';
}

test('ja: searching 補助金 with the form finds a project about subsidies', async () => {
  const page = await context.newPage();
  try {
    await openSearch(page, 'ja');
    await searchFor(page, '補助金');
    const found = await results(page);
    const prefix = new URL('ja/projects/', server.base).href;
    const hit = found.find((r) => /補助/.test(r.text) && r.href.startsWith(prefix));
    assert.ok(hit, `no result mentioning 補助金 links under ${prefix}; results:\n${show(found)}`);
    await assertLoads(hit.href);
  } finally {
    await page.close();
  }
});

test('ja: search.html?q=補助金 shows results on load', async () => {
  const page = await context.newPage();
  try {
    await openSearch(page, 'ja', '補助金');
    await page.locator('#search-results li a').first().waitFor({ timeout: 10_000 });
    const found = await results(page);
    assert.ok(found.some((r) => /補助/.test(r.text)), `no result mentions 補助金:\n${show(found)}`);
    assert.equal(await page.locator('#search-input').inputValue(), '補助金', 'the search box does not show the query from ?q=');
  } finally {
    await page.close();
  }
});

test('en: searching "subsidy" finds an English project page', async () => {
  const page = await context.newPage();
  try {
    await openSearch(page, 'en');
    await searchFor(page, 'subsidy');
    const found = await results(page);
    const prefix = new URL('en/projects/', server.base).href;
    const hit = found.find((r) => /ubsid/i.test(r.text) && r.href.startsWith(prefix));
    assert.ok(hit, `no result mentioning "subsid" links under ${prefix}; results:\n${show(found)}`);
    await assertLoads(hit.href);
  } finally {
    await page.close();
  }
});

for (const lang of ['ja', 'en']) {
  test(`${lang}: a nonsense query shows no results and a status message`, async () => {
    const page = await context.newPage();
    try {
      await openSearch(page, lang);
      await page.waitForLoadState('networkidle');
      const statusBefore = await page.locator('#search-status').textContent();
      await page.locator('#search-input').fill('zzqqxx');
      await page.locator('#search-input').press('Enter');
      await page.waitForLoadState('networkidle');
      // The status is rewritten when the search has run; give it a moment.
      await page
        .waitForFunction((before) => document.querySelector('#search-status')?.textContent !== before, statusBefore, {
          timeout: 3_000,
        })
        .catch(() => {});
      const found = await results(page);
      assert.equal(found.length, 0, `"zzqqxx" gave results:\n${show(found)}`);
      const status = (await page.locator('#search-status').textContent())?.trim() ?? '';
      assert.notEqual(status, '', '#search-status is empty after a search with no results');
    } finally {
      await page.close();
    }
  });
}
