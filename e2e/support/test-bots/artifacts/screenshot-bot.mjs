// @ts-check
/**
 * An e2e test bot: attaches a 4×4 red PNG as a screenshot (allowed only when the profile or the
 * policy turns screenshots on) and a text note holding a made-up NHS number (stored redacted).
 */
import { attach } from '../../../../bots/sdk/index.mjs';

const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAAEElEQVR4nGM4IScHRwzEcQCxYxBBO0tjggAAAABJRU5ErkJggg==', 'base64');
const shot = await attach('screen.png', new Uint8Array(png), { kind: 'screenshot' });
console.log(`attached ${shot.name}`);
const note = await attach('note.txt', 'Checked 943 476 5919 at LS1 4AP\n');
console.log(`attached ${note.name}`);
