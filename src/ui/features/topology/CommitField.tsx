import { useId, useState, type KeyboardEvent } from 'react';

interface Props {
  label: string;
  /** The committed value, as text. */
  value: string;
  /** Commits the text: returns why it was refused, or null. Called only when the text changed. */
  onCommit(text: string): string | null;
  type?: 'text' | 'number';
  step?: number;
  min?: number;
  max?: number;
  disabled?: boolean;
}

/** A text or number field that commits on blur or Enter (one edit per commit); Escape puts the committed value back. */
export function CommitField({ label, value, onCommit, type = 'text', step, min, max, disabled }: Props) {
  const [text, setText] = useState(value);
  const [seen, setSeen] = useState(value);
  const [error, setError] = useState<string | null>(null);
  const errorId = useId();
  if (seen !== value) {
    // The committed value changed (a commit, an undo): show it.
    setSeen(value);
    setText(value);
    setError(null);
  }

  const commit = () => {
    if (text === value) return setError(null);
    setError(onCommit(text));
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') commit();
    else if (e.key === 'Escape' && (text !== value || error)) {
      e.stopPropagation();
      setText(value);
      setError(null);
    }
  };

  return (
    <label className="commit-field">
      <span className="commit-field__label">{label}</span>
      <input
        className="commit-field__input"
        aria-label={label}
        aria-invalid={error !== null}
        aria-describedby={error ? errorId : undefined}
        type={type}
        step={step}
        min={min}
        max={max}
        disabled={disabled}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={onKeyDown}
      />
      {error && (
        <span id={errorId} className="commit-field__error" role="alert">
          {error}
        </span>
      )}
    </label>
  );
}
