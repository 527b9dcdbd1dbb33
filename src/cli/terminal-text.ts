/**
 * Text bound for a terminal, made inert: control characters from a
 * scenario's titles or a capture's bytes (an ESC starting an ANSI sequence,
 * a carriage return overwriting a line, a bell) are shown as `\xHH` instead
 * of being obeyed. Newlines and tabs are layout and stay.
 */

/** C0 controls but tab and newline, DEL, and the C1 controls (an 8-bit CSI is 0x9b). */
function isControl(code: number): boolean {
  return (code < 0x20 && code !== 0x09 && code !== 0x0a) || (code >= 0x7f && code <= 0x9f);
}

export function forTerminal(text: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!isControl(code)) continue;
    out += `${text.slice(from, i)}\\x${code.toString(16).padStart(2, '0')}`;
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}
