import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentTypeFor, rendererFilePath } from '../../../src/main/shell/renderer-files';

const dir = resolve('/opt/koe/out/renderer');

describe('rendererFilePath', () => {
  it('maps koe-app://renderer/ URLs to files in the renderer folder', () => {
    expect(rendererFilePath('koe-app://renderer/index.html', dir)).toBe(join(dir, 'index.html'));
    expect(rendererFilePath('koe-app://renderer/assets/index-abc.js', dir)).toBe(
      join(dir, 'assets', 'index-abc.js'),
    );
    expect(rendererFilePath('koe-app://renderer/assets/a%20b.woff2?v=1#x', dir)).toBe(
      join(dir, 'assets', 'a b.woff2'),
    );
  });

  it('answers client-side routes with the single page', () => {
    expect(rendererFilePath('koe-app://renderer/', dir)).toBe(join(dir, 'index.html'));
    expect(rendererFilePath('koe-app://renderer/customer/C1', dir)).toBe(join(dir, 'index.html'));
  });

  it('refuses anything outside the folder or not addressed to it', () => {
    for (const url of [
      'koe-app://renderer/../../etc/passwd.txt',
      'koe-app://renderer/%2e%2e/%2e%2e/etc/passwd.txt',
      'koe-app://renderer/..%2F..%2Fetc%2Fpasswd.txt',
      'koe-app://renderer/assets%5C..%5C..%5Csecret.txt',
      'koe-app://renderer/a\\..\\..\\secret.txt',
      'koe-app://renderer/index.html%00.js',
      'koe-app://renderer/%E0%A4%A.js',
      'koe-app://other/index.html',
      'https://renderer/index.html',
      'file:///etc/passwd',
      'not a url',
    ]) {
      // Either refused, or clamped inside the folder (the URL parser resolves dot segments).
      const file = rendererFilePath(url, dir);
      if (file !== null) expect(file.startsWith(dir + '/'), `${url} → ${file}`).toBe(true);
    }
    expect(rendererFilePath('koe-app://renderer/..%2F..%2Fetc%2Fpasswd.txt', dir)).toBeNull();
    expect(rendererFilePath('koe-app://renderer/index.html%00.js', dir)).toBeNull();
    expect(rendererFilePath('koe-app://other/index.html', dir)).toBeNull();
    expect(rendererFilePath('https://renderer/index.html', dir)).toBeNull();
  });
});

describe('contentTypeFor', () => {
  it('gives module scripts, styles and fonts their real types', () => {
    expect(contentTypeFor('/x/index.html')).toMatch(/^text\/html/);
    expect(contentTypeFor('/x/a.js')).toMatch(/^text\/javascript/);
    expect(contentTypeFor('/x/a.CSS')).toMatch(/^text\/css/);
    expect(contentTypeFor('/x/a.woff2')).toBe('font/woff2');
    expect(contentTypeFor('/x/a.unknown')).toBe('application/octet-stream');
  });
});
