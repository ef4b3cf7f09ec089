// @ts-check
/** Benchmark bot for the soak: one line, exit 0. As short as a real run gets. */
process.stdout.write('quick bot: checked 1 item\n');
