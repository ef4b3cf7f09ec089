import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isTrustedSender, type TrustedRenderer } from './ipc-sender-policy.js';

const linuxIndex = '/opt/RPA Supervisor/resources/app.asar/out/renderer/index.html';
const linuxFile: TrustedRenderer = { kind: 'file', fileUrl: pathToFileURL(linuxIndex).href, platform: 'linux' };
const windowsFile: TrustedRenderer = {
  kind: 'file',
  fileUrl: 'file:///C:/Program%20Files/RPA%20Supervisor/resources/app.asar/out/renderer/index.html',
  platform: 'win32',
};
const dev: TrustedRenderer = { kind: 'devServer', origin: 'http://localhost:5173' };

const top = (url: string) => ({ url, isMainFrame: true });

describe('isTrustedSender (S46)', () => {
  it.each([
    ['the packaged renderer', top(pathToFileURL(linuxIndex).href), linuxFile],
    ['the packaged renderer with a hash route', top(`${pathToFileURL(linuxIndex).href}#/runs/42`), linuxFile],
    ['the Windows renderer with another drive-letter case', top('file:///c:/Program%20Files/RPA%20Supervisor/resources/app.asar/out/renderer/index.html'), windowsFile],
    ['the dev server', top('http://localhost:5173/'), dev],
    ['the dev server on a deep path', top('http://localhost:5173/src/index.html?x=1'), dev],
  ] as const)('trusts %s', (_name, frame, trusted) => {
    expect(isTrustedSender(frame, trusted)).toBe(true);
  });

  it.each([
    ['a null frame (navigated or destroyed)', null, linuxFile],
    ['an undefined frame', undefined, linuxFile],
    ['a subframe of our own page', { url: pathToFileURL(linuxIndex).href, isMainFrame: false }, linuxFile],
    ['another file on disk', top('file:///etc/passwd'), linuxFile],
    ['another html file next to ours', top(pathToFileURL('/opt/RPA Supervisor/resources/app.asar/out/renderer/evil.html').href), linuxFile],
    ['a path-traversal lookalike', top('file:///opt/RPA%20Supervisor/resources/app.asar/out/renderer/../../evil/index.html'), linuxFile],
    ['a UNC host serving the same path', top('file://evil-server/opt/RPA%20Supervisor/resources/app.asar/out/renderer/index.html'), linuxFile],
    ['a web page', top('https://evil.example/'), linuxFile],
    ['about:blank', top('about:blank'), linuxFile],
    ['an unparseable URL', top('::::'), linuxFile],
    ['a malformed percent escape', top('file:///opt/RPA%20Supervisor/%E0/index.html'), linuxFile],
    ['letter case on Linux', top('file:///OPT/RPA%20Supervisor/resources/app.asar/out/renderer/index.html'), linuxFile],
    ['a file page in dev', top(pathToFileURL(linuxIndex).href), dev],
    ['the dev server on another port', top('http://localhost:5174/'), dev],
    ['the dev host behind userinfo', top('http://evil@localhost:5173/'), dev],
    ['a lookalike host', top('http://localhost.evil.example:5173/'), dev],
    ['a websocket URL', top('ws://localhost:5173/'), dev],
  ] as const)('refuses %s', (_name, frame, trusted) => {
    expect(isTrustedSender(frame, trusted)).toBe(false);
  });
});
