// Replay the Python grader's test vectors against the in-page checker, under Node.
//   node devtools/run_vectors.mjs VECTORS.json [CHECKER.js]
//   node devtools/run_vectors.mjs VECTORS.json [CHECKER.js] --mutants MUTANTS.json
// Loads the very script the book serves (ams_exercises/sphinx/static/ams-exercise.js) in a
// fresh context with no DOM, grades every case, and compares the whole field result with
// the Python grader's. Prints each disagreement (the first 25 in full) and a summary line;
// exits 1 on any disagreement, 2 when it cannot run.
//
// With --mutants, each mutant is a checker broken on purpose, in this one process: its
// "data" changes the page's data ({"language.typos.swapped": 99}: a path into the setup, or
// into every exercise's payload after "exercises.*."), its "judgement" replaces one of the
// script's named judgements (AmsExercise.judgement) with the JavaScript function given.
// Each mutant must disagree with some case; prints one line per mutant and exits 1 when
// any agrees with every case.
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";
import vm from "node:vm";

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const flag = args.indexOf("--mutants");
const mutantsPath = flag >= 0 ? args[flag + 1] : null;
const [vectorsPath, checkerArg] = args.filter((a, i) => flag < 0 || (i !== flag && i !== flag + 1));
if (!vectorsPath || (flag >= 0 && !mutantsPath)) {
  console.error("usage: node run_vectors.mjs VECTORS.json [CHECKER.js] [--mutants MUTANTS.json]");
  process.exit(2);
}
const checkerPath = checkerArg || resolve(here, "../ams_exercises/sphinx/static/ams-exercise.js");
const script = new vm.Script(readFileSync(checkerPath, "utf8"), { filename: checkerPath });
const vectorsText = readFileSync(vectorsPath, "utf8");

// A fresh checker, in a context of its own (what it works out once is kept per context).
function loadChecker() {
  const context = vm.createContext({});
  script.runInContext(context);
  const checker = context.AmsExercise;
  if (!checker || typeof checker.grade !== "function") {
    console.error(`${checkerPath}: does not define AmsExercise.grade`);
    process.exit(2);
  }
  return { checker, context };
}

// Values cross from the checker's context into this one: compare them as plain JSON.
const plain = (value) => JSON.parse(JSON.stringify(value));

// The cases the checker disagrees on (all of them, or the first when `first`).
function replay(checker, vectors, first, report) {
  let failures = 0;
  for (const c of vectors.cases) {
    const key = vectors.exercises[c.exercise];
    const result = plain(checker.grade(vectors.setup, key, { [c.field]: c.answer }, c.attempt));
    const got = { score: result.score, passed: result.passed, field: result.fields[c.field] };
    const want = { score: c.score, passed: c.passed, field: c.expected };
    if (!isDeepStrictEqual(got, want)) {
      failures += 1;
      if (report && failures <= 25) {
        const diff = Object.keys({ ...want.field, ...got.field })
          .filter((k) => !isDeepStrictEqual(want.field[k], got.field?.[k]))
          .map((k) => `    ${k}: python ${JSON.stringify(want.field[k])} | js ${JSON.stringify(got.field?.[k])}`);
        if (got.score !== want.score) diff.push(`    total score: python ${want.score} | js ${got.score}`);
        console.log(`DISAGREE ${c.exercise} ${c.field} ${JSON.stringify(c.answer)} (attempt ${c.attempt})`);
        console.log(diff.join("\n"));
      }
      if (first) return [failures, c];
    }
  }
  return [failures, null];
}

// Set `value` at a dotted `path` of the vectors: "setup." paths, or "exercises.*." for
// every exercise's payload.
function setAt(vectors, path, value) {
  const steps = path.split(".");
  const roots = steps[0] === "exercises" && steps[1] === "*" ? Object.values(vectors.exercises) : [vectors.setup];
  const rest = steps[0] === "exercises" ? steps.slice(2) : steps;
  for (const root of roots) {
    let at = root;
    for (const step of rest.slice(0, -1)) {
      if (!(step in at)) throw new Error(`the page's data has no ${path}`);
      at = at[step];
    }
    if (!(rest[rest.length - 1] in at)) throw new Error(`the page's data has no ${path}`);
    at[rest[rest.length - 1]] = value;
  }
}

function runMutants(mutants) {
  let missed = 0;
  for (const [name, mutant] of Object.entries(mutants)) {
    const vectors = JSON.parse(vectorsText);
    const { checker, context } = loadChecker();
    for (const [path, value] of Object.entries(mutant.data || {})) setAt(vectors, path, value);
    for (const [judgement, source] of Object.entries(mutant.judgement || {})) {
      if (typeof checker.judgement[judgement] !== "function") throw new Error(`no judgement named ${judgement}`);
      checker.judgement[judgement] = vm.runInContext(`(${source})`, context);
    }
    const [failures, caught] = replay(checker, vectors, true, false);
    if (failures) console.log(`CAUGHT ${name}: ${caught.exercise} ${caught.field} ${JSON.stringify(caught.answer)}`);
    else {
      missed += 1;
      console.log(`MISSED ${name}: it agrees with every case`);
    }
  }
  console.log(`${Object.keys(mutants).length - missed} of ${Object.keys(mutants).length} mutants caught`);
  return missed;
}

if (mutantsPath) {
  process.exit(runMutants(JSON.parse(readFileSync(mutantsPath, "utf8"))) ? 1 : 0);
}
const vectors = JSON.parse(vectorsText);
const started = process.hrtime.bigint();
const [failures] = replay(loadChecker().checker, vectors, false, true);
const ms = Number(process.hrtime.bigint() - started) / 1e6;
const n = vectors.cases.length;
console.log(`${n - failures} of ${n} cases agree (${Object.keys(vectors.exercises).length} exercises, ${ms.toFixed(0)} ms)`);
process.exit(failures ? 1 : 0);
