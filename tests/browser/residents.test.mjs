// What a resident sees, on every site: words and numbers never split inside a table cell at
// 360 px, no sideways scroll at 320 px, no negative percentage, every project in a list with
// its verdict, a filtered address that reloads (and comes back after Back) to the same list,
// a 404 at any depth that is styled and leads back into the site, a typical project printed
// on at most two A4 pages with the site's name, address and date.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sites, startServer, launchChromium, newContext, htmlFiles, assertBuilt, siteLabel } from './server.mjs';

let browser;
const servers = new Map();
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  for (const server of servers.values()) await server.close();
});

async function serve(site) {
  assertBuilt(site);
  if (!servers.has(site)) servers.set(site, await startServer(site, { notFoundPage: true }));
  return servers.get(site);
}

/** The pages of a site worth measuring: every page but the data files' previews of other sites. */
function pages(site) {
  return htmlFiles(site).filter((p) => p !== 'index.html');
}

/** Lists: the pages that list projects. */
function isList(rel) {
  return /(^|\/)(index|projects)\.html$/.test(rel) || /\/(policies|grades|partners|departments|years)\//.test(rel)
    || /\/projects\/page\//.test(rel);
}

// Inside a table cell, a "word" must stay on one line: a run of Latin letters, digits and the
// marks that hold them together (FY2020, 1-(1)-①, 88.4%, Plan code's "Plan" and "code"), and
// a short label written without spaces (区分, 基準値, 実施).
function splitWordsInCells() {
  const WORD = /[A-Za-z0-9\uFF10-\uFF19\u2460-\u2473][A-Za-z0-9\uFF10-\uFF19\u2460-\u2473.,%()\-]*/g;
  const found = [];
  const lineTops = (range) => {
    const tops = [];
    for (const r of range.getClientRects()) {
      if (r.width > 0 && !tops.some((t) => Math.abs(t - r.top) < 4)) tops.push(r.top);
    }
    return tops.length;
  };
  for (const cell of document.querySelectorAll('td, th')) {
    if (!cell.checkVisibility()) continue;
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent;
      // A compound of letters joined by hyphens may break after a hyphen, as English does
      // (disaster-/prevention); a code or number with a hyphen may not (1-(1)-①, 3-1-4).
      const pieces = [];
      for (const m of text.matchAll(WORD)) {
        if (/^[A-Za-z]+(-[A-Za-z]+)+$/.test(m[0])) {
          let at = m.index;
          for (const part of m[0].split('-')) {
            pieces.push([at, part]);
            at += part.length + 1;
          }
        } else pieces.push([m.index, m[0]]);
      }
      const trimmed = text.trim();
      if (trimmed && trimmed.length <= 6 && !/\s/.test(trimmed) && cell.textContent.trim() === trimmed) {
        pieces.push([text.indexOf(trimmed), trimmed]);
      }
      for (const [start, word] of pieces) {
        if (word.length < 2) continue;
        const range = document.createRange();
        range.setStart(node, start);
        range.setEnd(node, start + word.length);
        if (lineTops(range) > 1) found.push(`${word} in <${cell.tagName.toLowerCase()}> "${cell.textContent.trim().slice(0, 40)}"`);
      }
    }
  }
  return found;
}

// Chart text at a phone's width: at least 12 px high, and inside its drawing.
function chartTextProblems() {
  const out = [];
  for (const text of document.querySelectorAll('svg.chart text')) {
    if (!text.checkVisibility()) continue;
    const size = parseFloat(text.getAttribute('font-size') || '16') * text.getScreenCTM().a;
    if (size < 12) out.push(`"${text.textContent}" at ${size.toFixed(1)} px`);
    const box = text.getBoundingClientRect();
    const chart = text.ownerSVGElement.getBoundingClientRect();
    if (box.left < chart.left - 1 || box.right > chart.right + 1) out.push(`"${text.textContent}" clipped`);
  }
  return out;
}

for (const site of sites()) {
  const label = siteLabel(site);

  test(`${label}: no word or number breaks inside a table cell at 360 px, no sideways scroll at 320 px`, { timeout: 20 * 60_000 }, async () => {
    const server = await serve(site);
    const context = await newContext(browser);
    const page = await context.newPage();
    const splits = [];
    const wide = [];
    const charts = [];
    try {
      for (const rel of pages(site)) {
        await page.setViewportSize({ width: 360, height: 800 });
        await page.goto(new URL(rel, server.base).href, { waitUntil: 'load' });
        for (const s of await page.evaluate(splitWordsInCells)) splits.push(`${rel}: ${s}`);
        for (const s of await page.evaluate(chartTextProblems)) charts.push(`${rel}: ${s}`);
        await page.setViewportSize({ width: 320, height: 800 });
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        if (width > 320) wide.push(`${rel}: ${width} px`);
      }
    } finally {
      await context.close();
    }
    assert.deepEqual(splits, [], `words split inside table cells at 360 px:\n${splits.slice(0, 30).join('\n')}`);
    assert.deepEqual(wide, [], `pages wider than 320 px:\n${wide.join('\n')}`);
    assert.deepEqual(charts, [], `chart text smaller than 12 px or outside its chart at 360 px:\n${charts.join('\n')}`);
  });

  test(`${label}: no negative percentage in visible text, and every project in a list shows its verdict`, { timeout: 20 * 60_000 }, async () => {
    const server = await serve(site);
    const context = await newContext(browser);
    const page = await context.newPage();
    const negative = [];
    const bare = [];
    let links = 0;
    try {
      for (const rel of pages(site)) {
        await page.goto(new URL(rel, server.base).href, { waitUntil: 'load' });
        const text = await page.evaluate(() => document.body.innerText);
        for (const m of text.matchAll(/[−\-–]\s?\d[\d,]*(\.\d+)?\s?%/g)) negative.push(`${rel}: ${m[0]}`);
        if (!isList(rel)) continue;
        const found = await page.evaluate(() => {
          const out = [];
          for (const a of document.querySelectorAll('main a[href*="/projects/"]')) {
            if (/\/projects\/page\//.test(a.getAttribute('href')) || !a.checkVisibility()) continue;
            const item = a.closest('li, tr');
            const badge = item?.querySelector('.verdict');
            const words = badge?.innerText.trim() ?? '';
            const shape = badge?.querySelector('svg use, .grade-letter');
            out.push({ href: a.getAttribute('href'), ok: Boolean(words && shape) });
          }
          return out;
        });
        links += found.length;
        for (const f of found.filter((f) => !f.ok)) bare.push(`${rel}: ${f.href}`);
      }
    } finally {
      await context.close();
    }
    assert.deepEqual(negative, [], `negative percentages shown:\n${negative.join('\n')}`);
    assert.ok(links > 20, `only ${links} project links in lists`);
    assert.deepEqual(bare, [], `project links without a verdict (words and shape):\n${bare.join('\n')}`);
  });

  test(`${label}: a filtered address reloads to the same list, and comes back after Back`, async () => {
    const server = await serve(site);
    const context = await newContext(browser);
    const page = await context.newPage();
    try {
      const list = new URL('ja/projects.html', server.base).href;
      await page.goto(list, { waitUntil: 'load' });
      const statuses = await page.$$eval('#filter-status option', (os) => os.map((o) => o.value).filter(Boolean));
      assert.ok(statuses.length > 0, 'no status to filter by');
      const visible = () =>
        page.$$eval('#project-list li.project-card', (els) => els.filter((e) => e.checkVisibility()).map((e) => e.querySelector('a').getAttribute('href')));
      await page.selectOption('#filter-status', statuses[0]);
      await page.selectOption('#sort', 'department');
      const url = page.url();
      assert.match(url, new RegExp(`status=${statuses[0]}`), 'the filter is in the address');
      assert.match(url, /sort=department/, 'the sort is in the address');
      const shown = await visible();
      assert.ok(shown.length > 0, 'no project shown');
      const count = await page.locator('#filter-count').textContent();
      assert.ok(count.includes(String(shown.length)), `count "${count}" does not give ${shown.length}`);
      // A fresh visit of the address: the same list.
      const fresh = await context.newPage();
      await fresh.goto(url, { waitUntil: 'load' });
      const again = await fresh.$$eval('#project-list li.project-card', (els) => els.filter((e) => e.checkVisibility()).map((e) => e.querySelector('a').getAttribute('href')));
      assert.deepEqual(again, shown, 'the filtered address does not reload to the same list');
      assert.equal(await fresh.locator('#filter-status').inputValue(), statuses[0]);
      await fresh.close();
      // Into a project and Back: the same filter and the same list.
      await page.locator('#project-list li.project-card:not([hidden]) a').first().click();
      await page.waitForLoadState('load');
      await page.goBack({ waitUntil: 'load' });
      assert.equal(await page.locator('#filter-status').inputValue(), statuses[0], 'the filter after Back');
      assert.deepEqual(await visible(), shown, 'the list after Back');
      // The language switcher keeps the filters.
      const english = await page.locator('a[hreflang="en"][data-keep-state]').getAttribute('href');
      assert.match(english, new RegExp(`status=${statuses[0]}`), `the switcher drops the filters: ${english}`);
    } finally {
      await context.close();
    }
  });

  test(`${label}: search results show each project's verdict and mark what matched; the switcher keeps the query`, async () => {
    const server = await serve(site);
    const context = await newContext(browser);
    const page = await context.newPage();
    try {
      for (const lang of ['ja', 'en']) {
        // A word of the first project's title: two characters in Japanese, a word in English.
        await page.goto(new URL(`${lang}/projects.html`, server.base).href, { waitUntil: 'load' });
        const title = await page.locator('#project-list li.project-card h2 a').first().innerText();
        const name = title.replace(/^\S*[0-9①-⑳]\S*\s+/, '');
        const query = lang === 'ja' ? [...name.replace(/[^\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu, '')].slice(0, 2).join('')
          : name.split(/[^A-Za-z]+/).find((w) => w.length >= 4);
        assert.ok(query, `no query from "${title}"`);
        await page.goto(new URL(`${lang}/search.html?q=${encodeURIComponent(query)}`, server.base).href, { waitUntil: 'load' });
        await page.locator('#search-results li').first().waitFor({ timeout: 10_000 });
        const results = await page.$$eval('#search-results li', (lis) =>
          lis.map((li) => ({ verdict: li.querySelector('.verdict')?.innerText.trim() ?? '', marked: li.querySelectorAll('mark').length })),
        );
        assert.ok(results.every((r) => r.verdict), `${lang}: a result without its verdict`);
        assert.ok(results.some((r) => r.marked > 0), `${lang}: nothing marked for "${query}"`);
        const status = await page.locator('#search-status').innerText();
        assert.ok(!/\b1 projects\b/.test(status), `${lang}: "${status}"`);
        const other = await page.locator('a[data-keep-state]').first().getAttribute('href');
        assert.ok(other.includes(`q=${encodeURIComponent(query)}`), `${lang}: the language switcher drops the query: ${other}`);
      }
    } finally {
      await context.close();
    }
  });

  test(`${label}: a mistyped deep link gets a styled 404 whose links lead back into the site`, async () => {
    const server = await serve(site);
    const context = await newContext(browser);
    const page = await context.newPage();
    try {
      const response = await page.goto(new URL('a/b/c/missing.html', server.base).href, { waitUntil: 'networkidle' });
      assert.equal(response.status(), 404);
      const border = await page.evaluate(() => getComputedStyle(document.querySelector('header')).borderTopWidth);
      assert.equal(border, '6px', 'the 404 page is not styled');
      const hrefs = await page.$$eval('a[data-path]', (as) => as.map((a) => a.href));
      assert.ok(hrefs.length >= 2, 'no links');
      for (const href of hrefs) {
        assert.ok(href.startsWith(server.base), `${href} leads out of the site`);
        const res = await context.request.get(href);
        assert.equal(res.status(), 200, `${href} is dead`);
      }
    } finally {
      await context.close();
    }
  });

  test(`${label}: a typical project prints on at most two A4 pages, with the site, address and date`, async () => {
    const server = await serve(site);
    const context = await newContext(browser);
    const page = await context.newPage();
    try {
      const projects = htmlFiles(site).filter((p) => /^ja\/projects\/[^/]+\.html$/.test(p));
      const counts = [];
      for (const rel of projects) {
        await page.goto(new URL(rel, server.base).href, { waitUntil: 'load' });
        const pdf = await page.pdf({ format: 'A4', printBackground: true });
        counts.push([rel, (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length]);
      }
      counts.sort((a, b) => a[1] - b[1]);
      const median = counts[Math.floor(counts.length / 2)][1];
      console.log(`${label}: printed pages per project: ${counts.map(([r, n]) => `${r.replace('ja/projects/', '')}=${n}`).join(' ')}`);
      assert.ok(median <= 2, `the median project prints on ${median} pages`);
      // The longest yearly reports of the shipped sites (a page of events and participants)
      // take a third page; none may take more.
      const [longest, most] = counts[counts.length - 1];
      assert.ok(most <= 3, `${longest} prints on ${most} pages`);
      await page.emulateMedia({ media: 'print' });
      await page.goto(new URL(projects[0], server.base).href, { waitUntil: 'load' });
      await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
      const meta = await page.locator('.print-meta').innerText();
      assert.ok(meta.includes(new URL(projects[0], server.base).href), `no address in print: ${meta}`);
      assert.match(meta, /\d{4}-\d{2}-\d{2}/, `no date in print: ${meta}`);
      assert.equal(await page.locator('.site-nav').isVisible(), false, 'navigation is printed');
    } finally {
      await context.close();
    }
  });
}
