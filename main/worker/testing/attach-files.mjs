// The files attach-bot.mjs sends, so a test can compare what the desktop kept byte for byte.
const onePixel = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

/** A text report with the marker in it. */
export function attachText(marker) {
  return `Claim batch report\nmarker ${marker}\n`;
}

/** A 1×1 PNG with the marker after its end chunk (image viewers ignore trailing bytes). */
export function attachPng(marker) {
  return Buffer.concat([Buffer.from(onePixel, 'base64'), Buffer.from(`marker ${marker}`, 'utf8')]);
}
