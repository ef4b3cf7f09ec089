/**
 * Windows' stand-in for the Dock and launcher count: an overlay on the taskbar button, a red disc
 * with the count of new attention items in white ("9+" past nine), and a description screen
 * readers announce. Drawn here as pixels (BGRA, for `nativeImage.createFromBitmap`), so no
 * artwork ships and every count has its image.
 */

/** Five by seven glyphs; '#' is a lit pixel. */
const glyphs: Record<string, readonly string[]> = {
  '0': ['.###.', '#...#', '#..##', '#.#.#', '##..#', '#...#', '.###.'],
  '1': ['..#..', '.##..', '..#..', '..#..', '..#..', '..#..', '.###.'],
  '2': ['.###.', '#...#', '....#', '...#.', '..#..', '.#...', '#####'],
  '3': ['####.', '....#', '....#', '.###.', '....#', '....#', '####.'],
  '4': ['...#.', '..##.', '.#.#.', '#..#.', '#####', '...#.', '...#.'],
  '5': ['#####', '#....', '####.', '....#', '....#', '#...#', '.###.'],
  '6': ['..##.', '.#...', '#....', '####.', '#...#', '#...#', '.###.'],
  '7': ['#####', '....#', '...#.', '..#..', '.#...', '.#...', '.#...'],
  '8': ['.###.', '#...#', '#...#', '.###.', '#...#', '#...#', '.###.'],
  '9': ['.###.', '#...#', '#...#', '.####', '....#', '...#.', '.##..'],
  '+': ['.....', '..#..', '..#..', '#####', '..#..', '..#..', '.....'],
};

/** The overlay's size in device pixels at `scale` (1 or 2): Windows shows it at 16 logical pixels. */
export const overlaySize = 16;

export interface OverlayBitmap {
  /** BGRA, row by row, premultiplied (opaque or clear pixels only). */
  buffer: Buffer;
  width: number;
  height: number;
  scaleFactor: number;
}

/** What the taskbar button shows for a count: nothing, or the disc and what it says. */
export type TaskbarOverlay = { kind: 'clear' } | { kind: 'set'; bitmap: OverlayBitmap; description: string };

/** The text drawn for a count: the number up to nine, then "9+". */
export function overlayText(count: number): string {
  return count > 9 ? '9+' : String(count);
}

/** The overlay for `count` new items (none for zero); `scale` 2 on a high-density display. */
export function taskbarOverlay(count: number, scale = 1): TaskbarOverlay {
  if (count <= 0) return { kind: 'clear' };
  return { kind: 'set', bitmap: drawOverlay(overlayText(count), scale), description: count === 1 ? '1 item needs attention' : `${count} items need attention` };
}

function drawOverlay(text: string, scale: number): OverlayBitmap {
  const size = overlaySize * scale;
  const buffer = Buffer.alloc(size * size * 4);
  const paint = (x: number, y: number, [b, g, r]: readonly [number, number, number]) => {
    const at = (y * size + x) * 4;
    buffer[at] = b;
    buffer[at + 1] = g;
    buffer[at + 2] = r;
    buffer[at + 3] = 255;
  };
  // The disc: the same red as the app's danger buttons, whole pixels inside the circle.
  const centre = (size - 1) / 2;
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      if ((x - centre) ** 2 + (y - centre) ** 2 <= (size / 2) ** 2) paint(x, y, [0x1c, 0x1c, 0xb3]);
    }
  }
  // The text in white, centred, one glyph pixel per `scale` device pixels, a pixel between glyphs.
  const chars = [...text];
  const textWidth = chars.length * 5 + (chars.length - 1);
  const left = Math.floor((overlaySize - textWidth) / 2);
  const top = Math.floor((overlaySize - 7) / 2);
  chars.forEach((char, index) => {
    const rows = glyphs[char] ?? [];
    rows.forEach((row, gy) => {
      [...row].forEach((cell, gx) => {
        if (cell !== '#') return;
        for (let dy = 0; dy < scale; dy += 1) {
          for (let dx = 0; dx < scale; dx += 1) paint((left + index * 6 + gx) * scale + dx, (top + gy) * scale + dy, [0xff, 0xff, 0xff]);
        }
      });
    });
  });
  return { buffer, width: size, height: size, scaleFactor: scale };
}
