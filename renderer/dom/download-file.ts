/**
 * Saves `content` as a file through the browser's download, from an object URL: nothing leaves
 * the machine and nothing is navigated to (the Electron window denies navigation). The URL is
 * revoked once the download has had time to start, so the text is not kept alive.
 */
export function downloadFile(fileName: string, content: string, mimeType: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    // The click starts the download asynchronously; revoking at once can cancel it.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}
