import { expect, test } from 'vitest';
import { escapeHtml } from './escape-html.js';

test('escapes every character that could open a tag or leave an attribute', () => {
  expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
});

test('leaves ordinary text, including non-ASCII, alone', () => {
  expect(escapeHtml('Dr Demo Supervisor – £12.50')).toBe('Dr Demo Supervisor – £12.50');
});
