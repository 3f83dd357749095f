import { useEffect, useState } from 'react';
import { api } from '../api';

export interface UnitOption {
  id: string;
  name: string;
  kind: string;
}

/** The ethics units the AAC reads (the AAC itself is not one of them); none for anybody else. */
export function useEthicsUnits(aac: boolean): UnitOption[] {
  const [units, setUnits] = useState<UnitOption[]>([]);
  useEffect(() => {
    if (aac) void api<{ items: UnitOption[] }>('/units').then((r) => setUnits(r.items.filter((u) => u.kind !== 'aac')));
  }, [aac]);
  return units;
}

/** The AAC's choice of the unit a screen shows. */
export function UnitChoice({ units, value, onChange }: { units: UnitOption[]; value: string | null; onChange: (unitId: string) => void }) {
  return (
    <label>
      政風機構
      <select value={value ?? ''} onChange={(e) => onChange(e.target.value)}>
        {units.map((u) => (
          <option key={u.id} value={u.id}>
            {u.name}
          </option>
        ))}
      </select>
    </label>
  );
}
