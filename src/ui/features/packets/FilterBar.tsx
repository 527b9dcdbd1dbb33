import { useEffect, useId, useState } from 'react';
import { useAppStore } from '../../store/store-context.tsx';
import { selectFilter, selectFiltering, selectSetFilter, selectViewLength } from '../../store/selectors.ts';
import { formatCount } from '../../lib/format.ts';

const selectPackets = (s: { capture: { packets: number } | null }) => s.capture?.packets ?? 0;

export function FilterBar() {
  const filter = useAppStore(selectFilter);
  const setFilter = useAppStore(selectSetFilter);
  const filtering = useAppStore(selectFiltering);
  const shown = useAppStore(selectViewLength);
  const packets = useAppStore(selectPackets);
  const [text, setText] = useState(filter.text);
  const textId = useId();

  // Typing waits for a pause: filtering a million packets is a scan in the worker.
  useEffect(() => {
    if (text === filter.text) return;
    const t = setTimeout(() => setFilter({ text }), 250);
    return () => clearTimeout(t);
  }, [text, filter.text, setFilter]);

  return (
    <div className="filterbar">
      <label className="filterbar__toggle">
        <input type="checkbox" checked={filter.mptcpOnly} onChange={(e) => setFilter({ mptcpOnly: e.target.checked })} />
        MPTCP only
      </label>
      <label className="filterbar__label" htmlFor={textId}>
        Filter
      </label>
      <input
        id={textId}
        className="filterbar__text"
        type="search"
        placeholder="address, flag or option, e.g. ADD_ADDR"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') setFilter({ text });
        }}
      />
      <span className="filterbar__status" role="status">
        {filtering ? 'Filtering…' : shown === packets ? `${formatCount(packets)} packets` : `${formatCount(shown)} of ${formatCount(packets)} packets`}
      </span>
    </div>
  );
}
