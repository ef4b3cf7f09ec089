/** A text report with the marker in it. */
export function attachText(marker: string): string;
/** A 1×1 PNG with the marker after its end chunk. */
export function attachPng(marker: string): Buffer;
