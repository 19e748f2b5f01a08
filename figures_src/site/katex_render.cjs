// Typesets LaTeX with KaTeX at build time. Reads one JSON request per line on stdin,
// {"tex": "...", "display": true|false}, and answers one JSON line per request on stdout:
// {"html": "..."} or {"error": "..."}. Started once per build by the Typesetter of figures_src/site/typeset.py.
"use strict";
const katex = require("katex");
const readline = require("readline");

const options = {
  throwOnError: true, // a LaTeX error fails the build instead of showing red text on the page
  strict: "error", // non-standard LaTeX is an error too
  output: "htmlAndMathml", // visible HTML plus MathML for screen readers
  trust: false,
};

readline.createInterface({ input: process.stdin, terminal: false }).on("line", (line) => {
  let answer;
  try {
    const request = JSON.parse(line);
    answer = { html: katex.renderToString(request.tex, { ...options, displayMode: !!request.display }) };
  } catch (error) {
    answer = { error: String(error && error.message ? error.message : error) };
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
});
