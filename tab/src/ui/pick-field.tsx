/** One choice from a list (a person, an item), "—" until something is chosen; shrinks to a 320 px panel. */
import { Field, Select } from '@fluentui/react-components';
import type { CSSProperties } from 'react';

export interface PickOption {
  id: string;
  name: string;
}

export function PickField({ label, value, onChange, options, style }: { label: string; value: string; onChange: (id: string) => void; options: readonly PickOption[]; style?: CSSProperties }) {
  return (
    <Field label={label} style={style}>
      <Select value={value} onChange={(_, v) => onChange(v.value)} style={{ minWidth: 0 }}>
        <option value="">—</option>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </Select>
    </Field>
  );
}
