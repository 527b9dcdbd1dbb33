/** Names a scenario file or a share link may carry, to try each export's escaping against. */
export const HOSTILE: Record<string, string> = {
  newlines: 'first\nsecond\r\nthird\rfourth\u2028fifth\u2029sixth',
  closeScript: '</script><script>alert(1)</script>',
  imgOnerror: '"><img src=x onerror=alert(1)>',
  singleQuote: "' onmouseover='alert(1)",
  cdataEnd: 'a]]>b',
  commentEnd: 'a-->b--!>c',
  arrows: 'A->>B: hi\nB-->>A: ho',
  controls: 'nul\u0000bell\u0007esc\u001b[31mdel\u007fc1\u0085end',
  rtlOverride: 'user\u202Egnp.exe',
  isolates: 'a\u2066b\u2069c',
  loneSurrogate: 'x\uD800y\uDC00z',
  nonCharacters: 'a\uFFFEb\uFFFFc',
  markdown: '# Heading\n- item\n| a | b |\n`code` **bold** [link](javascript:alert(1)) <b>tag</b> &amp; \\ _em_ ~~s~~',
  leadingList: '1. one',
  mermaid: 'end;participant X as Y%%comment #quot; #35; wrap: <br/> A-xB A-)B',
  javascriptUrl: 'javascript:alert(1)',
  entities: '&lt;script&gt; &#60; &quot;',
  big: '<script>'.repeat(12_500),
};

/** Characters no export may carry raw: controls (but tab and line breaks), bidi controls, separators, noncharacters, lone surrogates. */
// eslint-disable-next-line no-control-regex -- the point
export const RAW_UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
