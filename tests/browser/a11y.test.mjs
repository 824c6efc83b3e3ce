// Accessibility: every page of every site, checked with axe-core against WCAG 2.1 A and AA.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { sites, startServer, launchChromium, newContext, htmlFiles, assertBuilt, siteLabel } from './server.mjs';

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core/axe.min.js');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

let browser;
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

test('axe-core finds no WCAG 2.1 A/AA violations on any page', { timeout: 20 * 60_000 }, async (t) => {
  const context = await newContext(browser);
  const page = await context.newPage();
  // The page being checked. Any other navigation of the main frame (a meta refresh, as on
  // the root index.html) is cancelled so the page itself is what axe checks.
  let current = null;
  await page.route('**/*', (route) => {
    const req = route.request();
    if (current && req.isNavigationRequest() && req.frame() === page.mainFrame() && req.url() !== current) {
      return route.abort('aborted');
    }
    return route.fallback();
  });

  const violations = [];
  const problems = [];
  let checked = 0;
  try {
    for (const site of sites()) {
      assertBuilt(site);
      const server = await startServer(site);
      try {
        for (const rel of htmlFiles(site)) {
          const label = `${siteLabel(site)}/${rel}`;
          current = new URL(rel, server.base).href;
          const response = await page.goto(current, { waitUntil: 'load' });
          if (!response || response.status() !== 200) {
            problems.push(`${label}: HTTP ${response?.status()}`);
            continue;
          }
          await page.addScriptTag({ path: AXE_PATH });
          const result = await page.evaluate(
            (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
            TAGS,
          );
          for (const v of result.violations) {
            violations.push({
              page: label,
              id: v.id,
              impact: v.impact,
              count: v.nodes.length,
              targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
              help: v.help,
              helpUrl: v.helpUrl,
            });
          }
          checked++;
        }
      } finally {
        current = null;
        await server.close();
      }
    }
  } finally {
    await context.close();
  }

  t.diagnostic(`pages checked: ${checked}`);
  console.log(`a11y: ${checked} pages checked, ${violations.length} page/rule violations`);

  // A summary by rule, then every page.
  const byRule = new Map();
  for (const v of violations) {
    const r = byRule.get(v.id) ?? { id: v.id, impact: v.impact, help: v.help, pages: 0, nodes: 0, examples: [] };
    r.pages++;
    r.nodes += v.count;
    if (r.examples.length < 3) r.examples.push(v.page);
    byRule.set(v.id, r);
  }
  const summary = [...byRule.values()]
    .sort((a, b) => b.pages - a.pages)
    .map((r) => `  ${r.id} (${r.impact}): ${r.pages} pages, ${r.nodes} elements: ${r.help}; e.g. ${r.examples.join(', ')}`);
  const detail = violations.map(
    (v) => `  ${v.page}: ${v.id} [${v.impact}] ${v.targets.join(' | ')}${v.count > 3 ? ` (+${v.count - 3} more)` : ''}: ${v.help}`,
  );
  if (summary.length) console.log(['axe violations by rule:', ...summary].join('\n'));

  assert.ok(checked > 0, 'no HTML page was found in SITES');
  assert.deepEqual(problems, [], `pages that did not load:\n${problems.join('\n')}`);
  assert.equal(
    violations.length,
    0,
    `axe-core found ${violations.length} violations on ${new Set(violations.map((v) => v.page)).size} of ${checked} pages:\n` +
      `${summary.join('\n')}\n\nEvery violation:\n${detail.join('\n')}`,
  );
});
