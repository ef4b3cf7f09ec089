import { useEffect, useReducer, useRef } from 'react';
import type { BotView } from '../../../app/common/contract.js';
import { copy } from '../../copy.js';
import { initialChoice, nextChoice } from '../../state/latest-choice.js';
import { useCommand } from '../../state/use-command.js';
import { FormField } from '../form-field.js';

/** Not a pool name (pools have no dot), so it can stand for "this computer" in the select. */
const thisComputer = '.local';

const encode = (setting: string | null | undefined): string => (setting === undefined ? '' : setting === null ? thisComputer : setting);

/**
 * Settings → Workers, "Where bots run": each bot follows its manifest's `pool`, or a setting
 * made here sends it to a pool or keeps it on this computer (`setBotPool`, audited).
 */
export function BotPlacement({ bots, pools }: { bots: BotView[]; pools: string[] }) {
  const t = copy.workers;
  if (bots.length === 0) return null;
  return (
    <>
      <h3 className="card__title">{t.placementHeading}</h3>
      <p className="card__hint">{t.placementIntro}</p>
      {bots.map((bot) => (
        <PlacementField key={bot.id} bot={bot} pools={pools} />
      ))}
    </>
  );
}

function PlacementField({ bot, pools }: { bot: BotView; pools: string[] }) {
  const t = copy.workers;
  const setPool = useCommand('setBotPool');
  const value = encode(bot.poolSetting);
  const [choice, dispatch] = useReducer(nextChoice, value, initialChoice);
  // What the core last said, for an answer arriving later to be judged against.
  const saved = useRef(value);
  saved.current = value;
  useEffect(() => dispatch({ kind: 'saved', value }), [value]);
  const choices = [...new Set([...pools, ...(bot.manifestPool ? [bot.manifestPool] : []), ...(bot.poolSetting ? [bot.poolSetting] : [])])].sort();
  const choose = (next: string) => {
    dispatch({ kind: 'chosen', value: next });
    // setBotPool answers nothing: success is `ok`, not a value.
    void setPool.attempt({ botId: bot.id, ...(next === '' ? {} : { pool: next === thisComputer ? null : next }) }).then((result) => {
      dispatch({ kind: 'answered', value: next, ok: result.ok, saved: saved.current });
    });
  };
  return (
    <FormField label={bot.name} testId={`bot-placement-${bot.id}`}>
      {(control) => (
        <select {...control} className="input" value={choice.shown} onChange={(event) => choose(event.target.value)}>
          <option value="">{t.asManifest(bot.manifestPool)}</option>
          <option value={thisComputer}>{t.thisComputer}</option>
          {choices.map((pool) => (
            <option key={pool} value={pool}>
              {t.poolOption(pool)}
            </option>
          ))}
        </select>
      )}
    </FormField>
  );
}
