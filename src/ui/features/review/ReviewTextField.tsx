import { useState, type KeyboardEvent } from 'react';

interface Props {
  label: string;
  /** The committed text. */
  value: string;
  /** Called on blur or Enter, only when the text changed. */
  onCommit(text: string): void;
  multiline?: boolean;
  maxLength: number;
  disabled?: boolean;
}

/**
 * A text field that commits on blur or Enter (one edit per commit, never per
 * keystroke); in the multi-line one Shift+Enter starts a new line. Escape
 * puts the committed text back.
 */
export function ReviewTextField({ label, value, onCommit, multiline = false, maxLength, disabled }: Props) {
  const [text, setText] = useState(value);
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    // The committed text changed (this commit, an undo): show it.
    setSeen(value);
    setText(value);
  }
  const commit = () => {
    if (text !== value) onCommit(text);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !(multiline && e.shiftKey)) {
      e.preventDefault();
      commit();
    } else if (e.key === 'Escape' && text !== value) {
      e.stopPropagation();
      setText(value);
    }
  };
  const common = { value: text, maxLength, disabled, onBlur: commit, onKeyDown, onChange: (e: { target: { value: string } }) => setText(e.target.value) };
  return (
    <label className={multiline ? 'decision__field decision__field--wide' : 'decision__field'}>
      <span className="decision__label">{label}</span>
      {multiline ? <textarea className="decision__input" rows={2} {...common} /> : <input className="decision__input" type="text" {...common} />}
    </label>
  );
}
