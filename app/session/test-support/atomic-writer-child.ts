import { writeFileAtomic } from '../../storage/write-file-atomic.js';

/**
 * Child process for the S26 test: writes a large value atomically to argv[2] and is killed by
 * the test while the write is under way. Prints nothing; the test watches the folder.
 */
const [target, megabytes = '256'] = process.argv.slice(2);
if (!target) throw new Error('usage: atomic-writer-child <target> [megabytes]');
await writeFileAtomic(target, 'n'.repeat(Number(megabytes) * 1024 * 1024));
