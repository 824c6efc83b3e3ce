// Project-list filters on ja/projects.html of every site, with and without JavaScript.
// Contract: <form id="filters"> with <select id="filter-policy">, <select id="filter-department">
// and, where the site has them, <select id="filter-grade">, <select id="filter-partner">; the
// first option's value "" means all. Cards: <ul id="project-list"><li class="project-card"
// data-policy data-department data-grade data-partners="1 3">; hidden cards get the `hidden`
// attribute; <p id="filter-count" aria-live="polite">.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sites, startServer, launchChromium, newContext, assertBuilt, siteLabel } from './server.mjs';

const FACETS = {
  policy: { select: 'filter-policy', matches: (card, v) => card.policy === v },
  department: { select: 'filter-department', matches: (card, v) => card.department === v },
  grade: { select: 'filter-grade', matches: (card, v) => card.grade === v },
  partner: { select: 'filter-partner', matches: (card, v) => card.partners.includes(v) },
};

let browser;
const servers = new Map();
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  for (const server of servers.values()) await server.close();
});

/** One server per site, started on first use and closed after all tests. */
async function serve(site) {
  assertBuilt(site);
  if (!servers.has(site)) servers.set(site, await startServer(site));
  return servers.get(site);
}

/** The state of every card: whether it is visible and its facet values. */
function cards(page) {
  return page.$$eval('#project-list li.project-card', (els) =>
    els.map((el) => ({
      visible: el.checkVisibility(),
      hidden: el.hasAttribute('hidden'),
      policy: el.dataset.policy ?? null,
      department: el.dataset.department ?? null,
      grade: el.dataset.grade ?? null,
      partners: (el.dataset.partners ?? '').split(/\s+/).filter(Boolean),
      title: (el.querySelector('a')?.textContent ?? el.textContent).replace(/\s+/g, ' ').trim().slice(0, 60),
    })),
  );
}

const countText = async (page) => ((await page.locator('#filter-count').textContent()) ?? '').trim();

async function checkFacet(context, base, name, required) {
  const { select, matches } = FACETS[name];
  const page = await context.newPage();
  try {
    const url = new URL('ja/projects.html', base).href;
    const response = await page.goto(url);
    assert.equal(response?.status(), 200, `${url} did not load`);
    await page.waitForLoadState('networkidle');
    const sel = page.locator(`form#filters select#${select}`);
    if ((await sel.count()) === 0) {
      assert.ok(!required, `ja/projects.html has no <select id="${select}"> inside <form id="filters">`);
      return `no #${select}`;
    }
    assert.ok(await sel.isVisible(), `#${select} is not visible with JavaScript on`);
    assert.equal(await page.locator('#filter-count[aria-live="polite"]').count(), 1, 'no <p id="filter-count" aria-live="polite">');

    const options = await sel.locator('option').evaluateAll((os) => os.map((o) => o.value));
    assert.equal(options[0], '', `the first option of #${select} is not value="" (all)`);
    const value = options.find((v) => v !== '');
    assert.ok(value, `#${select} has no option besides "all"`);

    const all = await cards(page);
    const total = all.length;
    assert.ok(total > 0, 'no li.project-card in #project-list');
    assert.equal(all.filter((c) => c.visible).length, total, 'not every card is visible before filtering');
    const countBefore = await countText(page);

    await sel.selectOption(value);
    await page
      .waitForFunction(
        (before) => document.querySelector('#filter-count')?.textContent.trim() !== before,
        countBefore,
        { timeout: 5_000 },
      )
      .catch(() => {});
    const after = await cards(page);
    const shown = after.filter((c) => c.visible);
    const expected = after.filter((c) => matches(c, value));
    const describe = (list) => list.map((c) => `  ${c.title} (${name}=${name === 'partner' ? c.partners.join(' ') : c[name]})`).join('\n');
    assert.ok(shown.length >= 1, `#${select}=${value}: no card is visible`);
    assert.ok(shown.length <= total, `#${select}=${value}: more cards visible than before`);
    const wrong = shown.filter((c) => !matches(c, value));
    assert.deepEqual(wrong, [], `#${select}=${value}: visible cards that do not match:\n${describe(wrong)}`);
    const missing = expected.filter((c) => !c.visible);
    assert.deepEqual(missing, [], `#${select}=${value}: matching cards that are hidden:\n${describe(missing)}`);
    const badHidden = after.filter((c) => c.visible === c.hidden);
    assert.deepEqual(badHidden, [], `#${select}=${value}: cards whose hidden attribute disagrees with what is shown:\n${describe(badHidden)}`);
    const countAfter = await countText(page);
    if (shown.length !== total) {
      assert.notEqual(countAfter, countBefore, `#filter-count did not change from "${countBefore}" when ${shown.length} of ${total} cards are shown`);
    }
    assert.ok(countAfter.includes(String(shown.length)), `#filter-count "${countAfter}" does not give the ${shown.length} cards shown`);

    await sel.selectOption('');
    await page
      .waitForFunction(
        () => [...document.querySelectorAll('#project-list li.project-card')].every((el) => el.checkVisibility()),
        null,
        { timeout: 5_000 },
      )
      .catch(() => {});
    const reset = await cards(page);
    const stillHidden = reset.filter((c) => !c.visible || c.hidden);
    assert.deepEqual(stillHidden, [], `after choosing "all" in #${select}, cards are still hidden:\n${describe(stillHidden)}`);
    const countReset = await countText(page);
    assert.ok(countReset.includes(String(total)), `#filter-count "${countReset}" does not give the ${total} cards after reset`);
    return `${select}=${value}: ${shown.length} of ${total} cards; count "${countBefore}" → "${countAfter}" → "${countReset}"`;
  } finally {
    await page.close();
  }
}

sites().forEach((site, index) => {
  const label = siteLabel(site);
  // The second site (Nasushiobara) grades its projects and names partners.
  const required = { policy: false, department: true, grade: index === 1, partner: index === 1 };

  for (const name of Object.keys(FACETS)) {
    test(`${label}: ja/projects.html filters by ${name}`, async (t) => {
      const server = await serve(site);
      const context = await newContext(browser);
      try {
        t.diagnostic(await checkFacet(context, server.base, name, required[name]));
      } finally {
        await context.close();
      }
    });
  }

  test(`${label}: ja/projects.html works without JavaScript`, async () => {
    const server = await serve(site);
    const context = await newContext(browser, { javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      const url = new URL('ja/projects.html', server.base).href;
      const response = await page.goto(url);
      assert.equal(response?.status(), 200, `${url} did not load`);
      const all = await cards(page);
      assert.ok(all.length > 0, 'no li.project-card in #project-list');
      const hidden = all.filter((c) => !c.visible || c.hidden);
      assert.deepEqual(hidden, [], `without JavaScript ${hidden.length} of ${all.length} cards are hidden`);
      const facetLinks = await page.locator('a[href*="departments/"]').count();
      assert.ok(facetLinks >= 1, 'without JavaScript there is no link to a department page (a[href*="departments/"])');
    } finally {
      await context.close();
    }
  });
});
