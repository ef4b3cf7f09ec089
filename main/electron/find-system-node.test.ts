import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findSystemNode, isExecutableFile, nodeExecutableForBots } from './find-system-node.js';

const existing = (...files: string[]) => (file: string) => files.includes(file);

describe('findSystemNode', () => {
  it('finds node on a Linux PATH', () => {
    expect(findSystemNode({ PATH: '/usr/local/sbin:/usr/local/bin:/usr/bin' }, 'linux', existing('/usr/bin/node', '/usr/local/bin/node'))).toBe('/usr/local/bin/node');
  });

  it('finds node.exe on a Windows Path, whatever the variable is called and however it is quoted', () => {
    const env = { Path: 'C:\\Windows\\system32;"C:\\Program Files\\nodejs";C:\\Users\\ann\\bin' };
    expect(findSystemNode(env, 'win32', existing('C:\\Program Files\\nodejs\\node.exe'))).toBe('C:\\Program Files\\nodejs\\node.exe');
  });

  it('finds node on a macOS PATH (Homebrew)', () => {
    expect(findSystemNode({ PATH: '/usr/bin:/opt/homebrew/bin' }, 'darwin', existing('/opt/homebrew/bin/node'))).toBe('/opt/homebrew/bin/node');
  });

  it('skips relative PATH entries, which would let the current folder supply the binary', () => {
    expect(findSystemNode({ PATH: '.:bin::/usr/bin' }, 'linux', existing('node', 'bin/node', '/usr/bin/node'))).toBe('/usr/bin/node');
    expect(findSystemNode({ Path: '.;nodejs' }, 'win32', existing('node.exe', 'nodejs\\node.exe'))).toBeUndefined();
  });

  it('prefers RPA_SUPERVISOR_NODE when it names an existing absolute file', () => {
    const env = { RPA_SUPERVISOR_NODE: '/opt/node-20/bin/node', PATH: '/usr/bin' };
    expect(findSystemNode(env, 'linux', existing('/opt/node-20/bin/node', '/usr/bin/node'))).toBe('/opt/node-20/bin/node');
  });

  it.each([
    ['missing', { RPA_SUPERVISOR_NODE: '/opt/node-20/bin/node', PATH: '/usr/bin' }],
    ['relative', { RPA_SUPERVISOR_NODE: 'node', PATH: '/usr/bin' }],
  ])('does not fall back to PATH when RPA_SUPERVISOR_NODE is %s', (_name, env) => {
    expect(findSystemNode(env, 'linux', existing('/usr/bin/node', 'node'))).toBeUndefined();
  });

  it('is undefined when there is no Node at all, or no PATH', () => {
    expect(findSystemNode({ PATH: '/usr/bin:/bin' }, 'linux', existing())).toBeUndefined();
    expect(findSystemNode({}, 'linux', existing('/usr/bin/node'))).toBeUndefined();
  });
});

describe('nodeExecutableForBots', () => {
  it('passes the Node that was found', () => {
    expect(nodeExecutableForBots('/usr/bin/node')).toBe('/usr/bin/node');
  });

  it('never lets bots run on the Electron binary: without a Node, bot starts fail plainly', () => {
    expect(nodeExecutableForBots(undefined)).toBe('node');
  });
});

describe('isExecutableFile', () => {
  it('accepts the running Node and refuses folders, missing files and (outside Windows) files without the execute bit', () => {
    expect(isExecutableFile(process.execPath)).toBe(true);
    const dir = mkdtempSync(path.join(tmpdir(), 'find-node-'));
    try {
      expect(isExecutableFile(dir)).toBe(false);
      expect(isExecutableFile(path.join(dir, 'missing'))).toBe(false);
      const plain = path.join(dir, 'node');
      writeFileSync(plain, '');
      chmodSync(plain, 0o644);
      expect(isExecutableFile(plain)).toBe(process.platform === 'win32');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
