import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  electronNodeMajor,
  electronSupportVerdict,
  majorOf,
  pinnedNodeMajor,
} from '../../../scripts/electron-support';

function readJson(file: string) {
  return JSON.parse(readFileSync(file, 'utf8')) as {
    version: string;
    engines?: { node?: string };
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };
}

describe('electronSupportVerdict', () => {
  it('accepts the latest major and the two before it', () => {
    expect(electronSupportVerdict('45.6.1', '45.6.1').supported).toBe(true);
    expect(electronSupportVerdict('44.11.5', '45.6.1').supported).toBe(true);
    expect(electronSupportVerdict('43.0.0', '45.6.1').supported).toBe(true);
  });

  it('rejects the fourth major back, saying which majors are patched and what to do', () => {
    const verdict = electronSupportVerdict('42.9.9', '45.6.1');
    expect(verdict.supported).toBe(false);
    expect(verdict.message).toContain('43–45');
    expect(verdict.message).toContain('^45');
  });

  it('rejects what Koe pinned before this upgrade once 45 is the latest', () => {
    expect(electronSupportVerdict('41.7.1', '45.6.1').supported).toBe(false);
  });

  it('accepts a beta above the latest stable', () => {
    expect(electronSupportVerdict('46.0.0-beta.3', '45.6.1').supported).toBe(true);
  });

  it('rejects what is not a version on either side instead of guessing', () => {
    expect(electronSupportVerdict('', '45.6.1').supported).toBe(false);
    expect(electronSupportVerdict('45.6.1', 'undefined').supported).toBe(false);
    expect(electronSupportVerdict('45', '45.6.1').supported).toBe(false);
  });
});

describe('majorOf / pinnedNodeMajor / electronNodeMajor', () => {
  it('reads majors only from well-formed input', () => {
    expect(majorOf('v24.21.0')).toBe(24);
    expect(majorOf('45.0.0-beta.1')).toBe(45);
    expect(majorOf('latest')).toBeNull();
    expect(pinnedNodeMajor('^24.11.0')).toBe(24);
    expect(pinnedNodeMajor('>=20.19')).toBeNull();
    expect(pinnedNodeMajor('^22.0.0 || ^24.0.0')).toBeNull();
    expect(electronNodeMajor({ dependencies: { '@types/node': '^24.9.0' } })).toBe(24);
    expect(electronNodeMajor({})).toBeNull();
  });
});

/**
 * The Node that ships is the Node that is tested: `engines.node` (which .ci/run installs and
 * runs the whole suite on) names the major the installed Electron embeds, and the Node typings
 * the code is checked against are that major's.
 */
describe('this repository', () => {
  const koe = readJson('package.json');
  const electron = readJson('node_modules/electron/package.json');

  it("pins engines.node to the Node major Electron embeds, and types against that Node's API", () => {
    const embedded = electronNodeMajor(electron);
    expect(embedded, "Electron's package no longer names its Node typings").not.toBeNull();
    expect(pinnedNodeMajor(koe.engines?.node ?? ''), 'package.json engines.node').toBe(embedded);
    expect(majorOf((koe.devDependencies?.['@types/node'] ?? '').replace(/^\^/, ''))).toBe(embedded);
  });

  it('has the installed Electron within the range package.json asks for', () => {
    const wanted = majorOf((koe.devDependencies?.electron ?? '').replace(/^\^/, ''));
    expect(majorOf(electron.version)).toBe(wanted);
  });
});
