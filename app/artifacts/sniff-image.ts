/** How many leading bytes `sniffImageType` needs to decide. */
export const imageSniffBytes = 32;

const bmpHeaderSizes = new Set([12, 40, 52, 56, 108, 124]);
const heifBrands = new Set(['heic', 'heix', 'hevc', 'heim', 'heis', 'mif1', 'msf1', 'avif', 'avis']);

/**
 * The image type a file's first bytes say it is, or undefined. A bot's name for a file is only a
 * hint: a screenshot named `notes.txt` is still a screenshot (refused while screenshots are off),
 * and a page named `shot.png` is not an image to preview. Signatures are checked strictly enough
 * that text starting with the same letters ("BMI …") is not taken for one.
 */
export function sniffImageType(head: Uint8Array): string | undefined {
  const ascii = (from: number, to: number) => String.fromCharCode(...head.subarray(from, to));
  const bytesAre = (from: number, values: readonly number[]) => values.every((value, i) => head[from + i] === value);
  if (bytesAre(0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (bytesAre(0, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (ascii(0, 6) === 'GIF87a' || ascii(0, 6) === 'GIF89a') return 'image/gif';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  if (ascii(0, 2) === 'BM' && bytesAre(6, [0, 0, 0, 0]) && bmpHeaderSizes.has(head[14] ?? -1) && bytesAre(15, [0, 0, 0])) return 'image/bmp';
  if (bytesAre(0, [0x49, 0x49, 0x2a, 0x00]) || bytesAre(0, [0x4d, 0x4d, 0x00, 0x2a])) return 'image/tiff';
  if (ascii(4, 8) === 'ftyp' && heifBrands.has(ascii(8, 12))) return ascii(8, 11) === 'avi' ? 'image/avif' : 'image/heif';
  return undefined;
}
