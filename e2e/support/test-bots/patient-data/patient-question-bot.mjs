// @ts-check
/**
 * An e2e test bot: asks the supervisor about made-up patients by NHS number, then says whether it
 * got back one of its own choices, word for word (the page only ever shows them redacted).
 */
import { ask } from '../../../../bots/sdk/index.mjs';

const choices = ['Post for 943 476 5919', 'Post for 401 023 2137', 'Skip both'];
const reply = await ask({ question: 'Two remittances name NHS numbers 943 476 5919 and 401 023 2137. Which one do I post?', choices, timeoutMs: 120_000 });
const choice = reply.answer.choice ?? '';
console.log(choices.includes(choice) ? `got my own choice number ${choices.indexOf(choice) + 1}` : 'got a choice I never offered');
