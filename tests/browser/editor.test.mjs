// The record editor of `kyodo serve`, in Chromium: opened from the Edit link of a project
// page, a title and an indicator value changed and a report added, saved, and the page
// shown again with the new title; a broken value shown with kyodo check's own message and
// nothing written; a new project made with the keyboard alone; axe-core and the Nu HTML
// Checker on the editor's pages, empty and with errors; screenshots for the clerk's guide.
//
// Runs the kyodo binary (KYODO, default ../../target/release/kyodo, else the debug build)
// on a copy of the shipped Tomisato content in a temporary folder.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HERE, launchChromium, newContext, screenshotsDir } from './server.mjs';

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core/axe.min.js');
const VNU_JAR = String(require('vnu-jar'));
const JAVA = process.env.JAVA ?? 'java';
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const REPO = path.resolve(HERE, '../..');

function kyodoBinary() {
  if (process.env.KYODO) return path.resolve(process.cwd(), process.env.KYODO);
  for (const build of ['release', 'debug']) {
    const bin = path.join(REPO, 'target', build, 'kyodo');
    if (fs.existsSync(bin)) return bin;
  }
  throw new Error('no kyodo binary: run cargo build --release first (or set KYODO)');
}

let browser, site, serve, base;

/** Starts `kyodo serve` in Japanese on a free port; resolves to its address. */
function startServe(root) {
  return new Promise((resolve, reject) => {
    const child = spawn(kyodoBinary(), ['serve', '--lang', 'ja', '--port', '0', '--root', root], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) resolve({ child, base: `http://127.0.0.1:${m[1]}/` });
    });
    child.on('exit', (code) => reject(new Error(`kyodo serve ended (${code}): ${out}`)));
  });
}

before(async () => {
  site = fs.mkdtempSync(path.join(os.tmpdir(), 'kyodo-editor-'));
  fs.cpSync(path.join(REPO, 'content'), path.join(site, 'content'), { recursive: true });
  serve = await startServe(site);
  base = serve.base;
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  serve?.child.kill();
  if (site) fs.rmSync(site, { recursive: true, force: true });
});

const record = (id) => path.join(site, 'content', 'projects', `${id}.toml`);

/** The lines of `after` not in `before` and the other way round (as multisets). */
function diffLines(before, after) {
  const removed = before.split('\n');
  const added = [];
  for (const line of after.split('\n')) {
    const i = removed.indexOf(line);
    if (i >= 0) removed.splice(i, 1);
    else added.push(line);
  }
  return { removed, added };
}

/** axe-core on the page: the violations, WCAG 2.0/2.1 A and AA. (Its script is added to
 * the page, which the editor's Content-Security-Policy forbids: contexts that run it
 * bypass the policy.) */
async function axe(page) {
  await page.addScriptTag({ path: AXE_PATH });
  const result = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    TAGS,
  );
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

/** The HTML of pages, checked by the Nu HTML Checker: the errors. */
function vnu(pages) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kyodo-editor-html-'));
  pages.forEach(([name, html]) => fs.writeFileSync(path.join(dir, `${name}.html`), html));
  return new Promise((resolve, reject) => {
    execFile(JAVA, ['-jar', VNU_JAR, '--errors-only', '--format', 'json', dir], { maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      fs.rmSync(dir, { recursive: true, force: true });
      try {
        const report = JSON.parse((stderr || stdout).trim());
        resolve(report.messages.filter((m) => m.type !== 'info').map((m) => `${path.basename(m.url ?? '')}:${m.lastLine}: ${m.message}`));
      } catch {
        reject(new Error(`no report from vnu.jar: ${error?.message} ${stderr}`));
      }
    });
  });
}

/** What `kyodo check --lang ja` says (直し方 and 内容) about the site at `root`. */
function checkSays(root) {
  return new Promise((resolve) => {
    execFile(kyodoBinary(), ['check', '--lang', 'ja', '--root', root], (_, stdout, stderr) => {
      const fix = stderr.match(/直し方: (.*)/)?.[1];
      const found = stderr.match(/内容: (.*)/)?.[1];
      resolve({ fix, found });
    });
  });
}

test('edit a title and an indicator value, add a report, save: only those lines change', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  try {
    const before = fs.readFileSync(record('1-3-4'), 'utf8');
    await page.goto(new URL('ja/projects/1-3-4.html', base).href);
    await page.getByRole('link', { name: 'この事業を編集' }).click();
    await page.waitForURL(/\/__kyodo\/edit\/1-3-4$/);
    const title = await page.locator('#f-title-ja').inputValue();
    await page.locator('#f-title-ja').fill(`${title}（改）`);
    await page.locator('#f-indicators-0-actuals-0-value').fill('35');
    await page.getByRole('button', { name: '報告を追加' }).click();
    await page.waitForLoadState('load');
    // The new row is the last; its first field has the focus.
    const rows = Number(await page.locator('input[name="__rows:reports"]').inputValue());
    const year = page.locator(`#f-reports-${rows - 1}-year`);
    assert.ok(await year.evaluate((el) => el === document.activeElement), 'the new row has the focus');
    await year.fill('R6');
    const achievements = page.locator(`#f-reports-${rows - 1}-achievements-ja`);
    await achievements.fill('○参加者 35名\n- **交流会**を開きました\n');
    // The preview is the site's Markdown.
    const preview = page.locator(`#f-reports-${rows - 1}-achievements-ja-preview`);
    await preview.locator('strong', { hasText: '交流会' }).waitFor();
    assert.equal(await preview.locator('li').count(), 1);
    // The edits of the title and value survived adding the row.
    assert.equal(await page.locator('#f-title-ja').inputValue(), `${title}（改）`);
    await page.getByRole('button', { name: '保存' }).first().click();
    await page.waitForURL(/\/ja\/projects\/1-3-4\.html$/);
    assert.ok((await page.locator('h1').innerText()).includes(`${title}（改）`), 'the page shows the new title');
    const after = fs.readFileSync(record('1-3-4'), 'utf8');
    const { removed, added } = diffLines(before, after);
    const oldTitle = before.split('\n').find((l) => l.startsWith('title = '));
    const oldValue = before.split('\n').find((l) => l.includes('value = 34'));
    // As multisets of lines: the order a line diff shows them in does not matter here.
    assert.deepEqual(removed.sort(), [oldTitle, oldValue].sort());
    assert.deepEqual(added.sort(), [
      oldTitle.replace(`"${title}"`, `"${title}（改）"`),
      oldValue.replace('value = 34', 'value = 35'),
      '',
      '[[reports]]',
      'year = "R6"',
      'achievements = """',
      '○参加者 35名',
      '- **交流会**を開きました',
      '"""',
    ].sort());
  } finally {
    await context.close();
  }
});

test('a broken value shows kyodo check\'s message as you type; saving it writes nothing', async () => {
  const context = await newContext(browser, { bypassCSP: true });
  const page = await context.newPage();
  try {
    const before = fs.readFileSync(record('1-1-1'), 'utf8');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(new URL('__kyodo/edit/1-1-1', base).href);
    const field = page.locator('#f-indicators-0-actuals-0-value');
    const number = await field.inputValue();
    await field.fill('5件');
    const problems = page.locator('#f-indicators-0-actuals-0-value-problems');
    await problems.locator('.problem.error').waitFor();
    // The same words as kyodo check on the record written that way.
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'kyodo-check-'));
    fs.cpSync(path.join(site, 'content'), path.join(copy, 'content'), { recursive: true });
    fs.writeFileSync(path.join(copy, 'content/projects/1-1-1.toml'), before.replace(`value = ${number}`, 'value = "5件"'));
    const said = await checkSays(copy);
    fs.rmSync(copy, { recursive: true, force: true });
    assert.ok(said.fix && said.found, 'kyodo check reports the value');
    const shown = await problems.innerText();
    assert.ok(shown.includes(said.fix) && shown.includes(said.found), `${shown}\n${JSON.stringify(said)}`);
    assert.equal(await field.getAttribute('aria-invalid'), 'true');
    assert.match(await page.locator('#problem-count').innerText(), /^エラー1件/);
    // The summary links to the field and puts the keyboard there.
    await page.locator('#problem-list a').first().click();
    assert.ok(await field.evaluate((el) => el === document.activeElement));
    assert.deepEqual(await axe(page), [], 'axe-core with the errors shown');
    await page.screenshot({ path: path.join(screenshotsDir(), 'editor-error.png') });
    // Saving is refused and the file stays as it was.
    await page.getByRole('button', { name: '保存' }).first().click();
    await page.waitForLoadState('load');
    assert.match(await page.locator('.notice-error').innerText(), /保存しませんでした/);
    assert.equal(fs.readFileSync(record('1-1-1'), 'utf8'), before);
    assert.deepEqual(await axe(page), [], 'axe-core on the refused save');
  } finally {
    await context.close();
  }
});

test('a new project, made with the keyboard alone, builds and opens in the editor', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  try {
    await page.goto(new URL('__kyodo/new', base).href);
    // Tab from the top of the page to the id field, type, and submit with Enter.
    let steps = 0;
    while (!(await page.evaluate(() => document.activeElement?.id === 'f-id')) && steps++ < 20) {
      await page.keyboard.press('Tab');
    }
    await page.keyboard.type('9-9-9');
    await page.keyboard.press('Tab');
    await page.keyboard.type('キーボードで作った事業');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/__kyodo\/edit\/9-9-9\?created=1$/);
    assert.match(await page.locator('.notice').innerText(), /content\/projects\/9-9-9\.toml を作りました/);
    // No errors; a warning at most (the title has no English yet).
    assert.match(await page.locator('#problem-count').innerText(), /^(問題はありません|警告1件があります。エラーはないので)/);
    assert.ok(fs.readFileSync(record('9-9-9'), 'utf8').includes('キーボードで作った事業'));
  } finally {
    await context.close();
  }
});

test('the editor\'s pages pass axe-core and the Nu HTML Checker; screenshots at 360 and 1280 px', async () => {
  const context = await newContext(browser, { bypassCSP: true });
  const page = await context.newPage();
  const out = screenshotsDir();
  fs.mkdirSync(out, { recursive: true });
  try {
    const pages = [];
    for (const [name, rel] of [['new', '__kyodo/new'], ['edit', '__kyodo/edit/1-2-1']]) {
      const response = await page.goto(new URL(rel, base).href);
      assert.equal(response.status(), 200);
      pages.push([name, await response.text()]);
      assert.deepEqual(await axe(page), [], `axe-core on ${rel}`);
    }
    // With errors shown by the server (a refused save).
    await page.locator('#f-indicators-0-actuals-0-value').fill('約100');
    const refused = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/__kyodo/edit/1-2-1'));
    await page.getByRole('button', { name: '保存' }).first().click();
    pages.push(['refused', await (await refused).text()]);
    assert.deepEqual(await vnu(pages), []);
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: width === 360 ? 780 : 900 });
      await page.goto(new URL('__kyodo/edit/1-2-1', base).href);
      await page.evaluate(() => document.fonts.ready);
      await page.screenshot({ path: path.join(out, `editor-${width}.png`) });
    }
  } finally {
    await context.close();
  }
});
