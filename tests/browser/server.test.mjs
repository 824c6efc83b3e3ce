// The helper server itself: the site only under /shisei/kyodo/, with the right content types.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer } from './server.mjs';

test('server.mjs serves a folder only under /shisei/kyodo/ with content types', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kyodo-server-'));
  const files = {
    'index.html': ['<!DOCTYPE html><title>t</title>', 'text/html'],
    'a/b.css': ['body{}', 'text/css'],
    'a/c.js': ['1', 'text/javascript'],
    'd.json': ['{}', 'application/json'],
    'd.csv': ['a,b\n', 'text/csv'],
    'e.svg': ['<svg xmlns="http://www.w3.org/2000/svg"/>', 'image/svg+xml'],
    'e.xml': ['<a/>', 'application/xml'],
    'f.txt': ['t', 'text/plain'],
    '日本語.html': ['<!DOCTYPE html><title>j</title>', 'text/html'],
  };
  for (const [name, [body]] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), body);
  }
  const server = await startServer(dir);
  try {
    assert.match(server.base, /^http:\/\/127\.0\.0\.1:\d+\/shisei\/kyodo\/$/);
    for (const [name, [body, type]] of Object.entries(files)) {
      const res = await fetch(new URL(encodeURI(name), server.base));
      assert.equal(res.status, 200, name);
      assert.equal(res.headers.get('content-type').split(';')[0], type, name);
      assert.equal(await res.text(), body, name);
    }
    assert.equal((await fetch(server.base)).status, 200, 'the folder URL serves index.html');
    const origin = new URL(server.base).origin;
    for (const p of ['/', '/index.html', '/shisei/index.html', '/shisei/kyodo', '/shisei/kyodo/missing.html', '/shisei/kyodo/%2e%2e/%2e%2e/etc/passwd']) {
      assert.equal((await fetch(origin + p)).status, 404, p);
    }
  } finally {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
