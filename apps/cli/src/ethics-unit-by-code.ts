import { unitKindOf, type Unit, type UnitRegister } from '@integrity/identity';
import { CommandRefused } from './run-command';

/** The ethics unit an operator names by its code; anything else is refused in zh-TW. */
export async function ethicsUnitByCode(units: UnitRegister, code: string): Promise<Unit> {
  const unit = (await units.list()).find((u) => u.code === code);
  if (!unit || unitKindOf(unit) !== 'ethics_unit') throw new CommandRefused('UNIT_NOT_FOUND', `查無代碼為「${code}」的政風機構。`);
  return unit;
}
