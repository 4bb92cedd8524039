// Replay the Python grader's test vectors against the in-page checker, under Node.
//   node devtools/run_vectors.mjs VECTORS.json [CHECKER.js] [--first]
// (--first: stop at the first disagreement, for a copy that is meant to disagree)
// Loads the very script the book serves (ams_exercises/sphinx/static/ams-exercise.js) in a
// fresh context with no DOM, grades every case, and compares the whole field result with
// the Python grader's. Prints each disagreement (the first 25 in full) and a summary line;
// exits 1 on any disagreement, 2 when it cannot run.
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";
import vm from "node:vm";

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const first = args.includes("--first");
const [vectorsPath, checkerArg] = args.filter((a) => a !== "--first");
if (!vectorsPath) {
  console.error("usage: node run_vectors.mjs VECTORS.json [CHECKER.js]");
  process.exit(2);
}
const checkerPath = checkerArg || resolve(here, "../ams_exercises/sphinx/static/ams-exercise.js");
const context = vm.createContext({});
vm.runInContext(readFileSync(checkerPath, "utf8"), context, { filename: checkerPath });
const checker = context.AmsExercise;
if (!checker || typeof checker.grade !== "function") {
  console.error(`${checkerPath}: does not define AmsExercise.grade`);
  process.exit(2);
}

const vectors = JSON.parse(readFileSync(vectorsPath, "utf8"));
// Values cross from the checker's context into this one: compare them as plain JSON.
const plain = (value) => JSON.parse(JSON.stringify(value));
let failures = 0;
const started = process.hrtime.bigint();
for (const c of vectors.cases) {
  const key = vectors.exercises[c.exercise];
  const result = plain(checker.grade(vectors.setup, key, { [c.field]: c.answer }, c.attempt));
  const got = { score: result.score, passed: result.passed, field: result.fields[c.field] };
  const want = { score: c.score, passed: c.passed, field: c.expected };
  if (!isDeepStrictEqual(got, want)) {
    failures += 1;
    if (failures <= 25) {
      const diff = Object.keys({ ...want.field, ...got.field })
        .filter((k) => !isDeepStrictEqual(want.field[k], got.field?.[k]))
        .map((k) => `    ${k}: python ${JSON.stringify(want.field[k])} | js ${JSON.stringify(got.field?.[k])}`);
      if (got.score !== want.score) diff.push(`    total score: python ${want.score} | js ${got.score}`);
      console.log(`DISAGREE ${c.exercise} ${c.field} ${JSON.stringify(c.answer)} (attempt ${c.attempt})`);
      console.log(diff.join("\n"));
    }
    if (first) break;
  }
}
const ms = Number(process.hrtime.bigint() - started) / 1e6;
const n = vectors.cases.length;
console.log(`${n - failures} of ${n} cases agree (${Object.keys(vectors.exercises).length} exercises, ${ms.toFixed(0)} ms)`);
process.exit(failures ? 1 : 0);
