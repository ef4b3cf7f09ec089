// A test bot for artifacts on a worker: it attaches a text report and a PNG with the SDK's
// attach(), exactly as a bot on the desktop would, and says what the supervisor answered. Both
// files carry the marker given as its argument, so a test can search Redis for it.
import { attach } from '../../../bots/sdk/index.mjs';
import { attachPng, attachText } from './attach-files.mjs';

const [marker = 'no-marker'] = process.argv.slice(2);
for (const [name, data] of [['report.txt', attachText(marker)], ['screen.png', attachPng(marker)]]) {
  try {
    const kept = await attach(name, data);
    console.log(`attached ${kept.name} ${kept.bytes}`);
  } catch (error) {
    console.log(`attach ${name} refused ${error?.code ?? String(error)}`);
  }
}
process.exit(0);
