// @ts-check
/**
 * An e2e test bot: prints made-up patient identifiers (valid and invalid NHS numbers, a date of
 * birth, a postcode), attaches a text report holding one, and tries to attach a screenshot named
 * after the patient.
 */
import { attach } from '../../../../bots/sdk/index.mjs';

console.log('Patient 943 476 5919 checked in');
console.log('Patient 401-023-2137 DOB: 12/03/1961 lives at LS1 4AP');
console.log('Order 9434765918 is not an NHS number');
const report = await attach('report.txt', 'Checked 943 476 5919 at LS1 4AP\n');
console.log(`attached ${report.name}`);
try {
  await attach('failure 943 476 5919.png', new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]), { kind: 'screenshot' });
  console.log('screenshot attached');
} catch (error) {
  console.log(`screenshot refused: ${/** @type {{ code?: string }} */ (error).code}`);
}
