// HTML validity: every HTML file of every site, checked by the Nu HTML Checker (vnu.jar).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sites, assertBuilt, siteLabel, htmlFiles } from './server.mjs';

const require = createRequire(import.meta.url);
const VNU_JAR = String(require('vnu-jar'));
const JAVA = process.env.JAVA ?? 'java';

/** Runs vnu.jar on a folder; resolves to its parsed JSON report. */
function vnu(dir) {
  return new Promise((resolve, reject) => {
    execFile(
      JAVA,
      ['-jar', VNU_JAR, '--errors-only', '--format', 'json', '--skip-non-html', dir],
      { maxBuffer: 256 * 1024 * 1024, timeout: 10 * 60_000 },
      (error, stdout, stderr) => {
        // vnu exits 1 when it reports errors; the report is JSON on stderr.
        const text = (stderr || stdout || '').trim();
        try {
          resolve(JSON.parse(text));
        } catch {
          reject(new Error(`vnu.jar gave no JSON report (${error?.message ?? 'exit 0'}):\n${text.slice(0, 4000)}`));
        }
      },
    );
  });
}

for (const site of sites()) {
  test(`Nu HTML Checker finds no errors in ${siteLabel(site)}`, { timeout: 10 * 60_000 }, async (t) => {
    assertBuilt(site);
    const report = await vnu(site);
    const messages = report.messages ?? [];
    const rel = (url) => {
      if (!url) return '(no file)';
      const file = url.startsWith('file:') ? fileURLToPath(url) : url;
      return path.relative(site, file).split(path.sep).join('/');
    };
    // --errors-only leaves errors and non-document errors (a file that could not be read).
    const errors = messages.filter((m) => m.type !== 'info');
    t.diagnostic(`${htmlFiles(site).length} HTML files checked, ${errors.length} errors`);

    const byMessage = new Map();
    for (const m of errors) {
      const g = byMessage.get(m.message) ?? { message: m.message, count: 0, files: new Set() };
      g.count++;
      g.files.add(rel(m.url));
      byMessage.set(m.message, g);
    }
    const summary = [...byMessage.values()]
      .sort((a, b) => b.count - a.count)
      .map((g) => `  ${g.count}× in ${g.files.size} files: ${g.message}; e.g. ${[...g.files].slice(0, 3).join(', ')}`);
    if (summary.length) console.log([`vnu errors in ${siteLabel(site)} by message:`, ...summary].join('\n'));
    const detail = errors.map(
      (m) => `  ${rel(m.url)}:${m.lastLine ?? '?'}${m.firstColumn ? `:${m.firstColumn}` : ''}: ${m.type}: ${m.message}`,
    );
    assert.equal(
      errors.length,
      0,
      `Nu HTML Checker found ${errors.length} errors in ${siteLabel(site)}:\n${summary.join('\n')}\n\nEvery error:\n${detail.join('\n')}`,
    );
  });
}
