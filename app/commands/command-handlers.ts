import type { CommandInput, CommandName, CommandOutputs } from '../common/contract.js';

/** One async function per command; each module in app/commands/ provides some of them. */
export type CommandHandlers = { [K in CommandName]: (input: CommandInput<K>) => Promise<CommandOutputs[K]> };

export type SomeHandlers<K extends CommandName> = Pick<CommandHandlers, K>;
