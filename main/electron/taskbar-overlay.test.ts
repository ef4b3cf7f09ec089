import { describe, expect, it } from 'vitest';
import { overlaySize, taskbarOverlay, type OverlayBitmap } from './taskbar-overlay.js';

/** The bitmap as text: '#' white, 'o' red, '.' clear; one character per device pixel. */
function picture(bitmap: OverlayBitmap): string[] {
  const rows: string[] = [];
  for (let y = 0; y < bitmap.height; y += 1) {
    let row = '';
    for (let x = 0; x < bitmap.width; x += 1) {
      const at = (y * bitmap.width + x) * 4;
      const [b, g, r, a] = [bitmap.buffer[at], bitmap.buffer[at + 1], bitmap.buffer[at + 2], bitmap.buffer[at + 3]];
      row += a === 0 ? '.' : r === 255 && g === 255 && b === 255 ? '#' : r === 0xb3 && g === 0x1c && b === 0x1c ? 'o' : '?';
    }
    rows.push(row);
  }
  return rows;
}

function drawn(count: number, scale = 1): string[] {
  const overlay = taskbarOverlay(count, scale);
  if (overlay.kind !== 'set') throw new Error(`no overlay for ${count}`);
  return picture(overlay.bitmap);
}

describe('taskbarOverlay', () => {
  it('clears the overlay when nothing new needs anyone', () => {
    expect(taskbarOverlay(0)).toEqual({ kind: 'clear' });
  });

  it('says the count to screen readers in words', () => {
    expect(taskbarOverlay(1)).toMatchObject({ kind: 'set', description: '1 item needs attention' });
    expect(taskbarOverlay(12)).toMatchObject({ kind: 'set', description: '12 items need attention' });
  });

  it('draws the count in white on a red disc with clear corners, readable at 16 pixels', () => {
    const rows = drawn(7);
    expect(rows).toHaveLength(overlaySize);
    expect(rows.every((row) => row.length === overlaySize && !row.includes('?'))).toBe(true);
    expect([rows[0]?.[0], rows[0]?.[15], rows[15]?.[0], rows[15]?.[15]]).toEqual(['.', '.', '.', '.']);
    // The glyph box (columns 5–9, rows 4–10) holds the 7, red around it.
    expect(rows.slice(4, 11).map((row) => row.slice(5, 10))).toEqual(['#####', 'oooo#', 'ooo#o', 'oo#oo', 'o#ooo', 'o#ooo', 'o#ooo']);
    expect(rows[8]?.slice(1, 5)).toBe('oooo');
  });

  it('draws each count from 1 to 9 differently, and "9+" for ten and more', () => {
    const pictures = Array.from({ length: 9 }, (_, index) => drawn(index + 1).join('\n'));
    expect(new Set(pictures).size).toBe(9);
    expect(drawn(10)).toEqual(drawn(57));
    expect(drawn(10).join('\n')).not.toBe(drawn(9).join('\n'));
    // "9+" fits inside the disc: both glyphs drawn, every white pixel on the disc.
    expect(drawn(10).slice(4, 11).map((row) => row.slice(2, 13))).toEqual(['o###ooooooo', '#ooo#ooo#oo', '#ooo#ooo#oo', 'o####o#####', 'oooo#ooo#oo', 'ooo#oooo#oo', 'o##oooooooo']);
  });

  it('draws at twice the pixels for high-density displays, each glyph pixel a 2×2 block', () => {
    const overlay = taskbarOverlay(3, 2);
    expect(overlay).toMatchObject({ kind: 'set', bitmap: { width: 32, height: 32, scaleFactor: 2 } });
    const small = drawn(3).join('').split('#').length - 1;
    const large = drawn(3, 2).join('').split('#').length - 1;
    expect(large).toBe(small * 4);
  });
});
