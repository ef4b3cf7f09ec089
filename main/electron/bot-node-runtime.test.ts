import { describe, expect, it } from 'vitest';
import { bundledNodePath, chooseBotNode } from './bot-node-runtime.js';

const exists = (...files: string[]) => (file: string) => files.includes(file);
const packaged = { isPackaged: true, resourcesPath: '/opt/RPA Supervisor/resources', platform: 'linux' as const };

describe('chooseBotNode', () => {
  it('a packaged app runs bots on the runtime it ships, even with a Node on PATH', () => {
    const choice = chooseBotNode({ ...packaged, env: { PATH: '/usr/bin' }, exists: exists('/opt/RPA Supervisor/resources/node/node', '/usr/bin/node') });
    expect(choice).toEqual({ source: 'bundled', path: '/opt/RPA Supervisor/resources/node/node' });
  });

  it('a packaged app needs no Node on PATH at all', () => {
    expect(chooseBotNode({ ...packaged, env: {}, exists: exists('/opt/RPA Supervisor/resources/node/node') }).source).toBe('bundled');
  });

  it('Windows: node.exe beside the resources', () => {
    const resourcesPath = 'C:\\Program Files\\RPA Supervisor\\resources';
    expect(bundledNodePath(resourcesPath, 'win32')).toBe('C:\\Program Files\\RPA Supervisor\\resources\\node\\node.exe');
    expect(chooseBotNode({ isPackaged: true, resourcesPath, platform: 'win32', env: {}, exists: exists(bundledNodePath(resourcesPath, 'win32')) }).source).toBe('bundled');
  });

  it('an administrator-pinned Node wins, and a wrong pin is reported rather than guessed around', () => {
    expect(chooseBotNode({ ...packaged, env: { RPA_SUPERVISOR_NODE: '/opt/node22/bin/node' }, exists: exists('/opt/node22/bin/node', '/opt/RPA Supervisor/resources/node/node') })).toEqual({
      source: 'override',
      path: '/opt/node22/bin/node',
    });
    expect(chooseBotNode({ ...packaged, env: { RPA_SUPERVISOR_NODE: 'node' }, exists: exists('/opt/RPA Supervisor/resources/node/node') })).toMatchObject({ source: 'missing', path: 'node' });
  });

  it('development uses the Node on PATH; nothing found means the bare name and a reason', () => {
    const dev = { isPackaged: false, resourcesPath: '/x', platform: 'linux' as const };
    expect(chooseBotNode({ ...dev, env: { PATH: '/usr/local/bin:/usr/bin' }, exists: exists('/usr/bin/node') })).toEqual({ source: 'system', path: '/usr/bin/node' });
    expect(chooseBotNode({ ...dev, env: { PATH: '/usr/bin' }, exists: exists() })).toMatchObject({ source: 'missing', path: 'node' });
  });

  it('a package built without the runtime falls back to PATH, then says what is missing', () => {
    expect(chooseBotNode({ ...packaged, env: { PATH: '/usr/bin' }, exists: exists('/usr/bin/node') })).toEqual({ source: 'system', path: '/usr/bin/node' });
    expect(chooseBotNode({ ...packaged, env: {}, exists: exists() })).toMatchObject({ source: 'missing', reason: expect.stringContaining('without its Node.js runtime') });
  });
});
