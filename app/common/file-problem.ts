const reasons: Record<string, string> = {
  ENOENT: 'it does not exist',
  EACCES: 'permission denied for this user',
  EPERM: 'permission denied for this user',
  ENOTDIR: 'a file is in the way of a folder in that path',
  EISDIR: 'it is a folder, not a file',
  EROFS: 'the disk is read-only',
  ENOSPC: 'the disk is full',
};

/** The system's reason in words, with its code for a search: "permission denied for this user, EACCES". */
export function fileProblem(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code !== 'string') return error instanceof Error ? error.message : String(error);
  return reasons[code] === undefined ? code : `${reasons[code]}, ${code}`;
}
