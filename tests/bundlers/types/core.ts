// The rules core (`./core`), in an app whose lib has no esnext.disposable.
import init, { Ruleset, check } from "@regiewijzer/widget/core";

export async function firstOutcome(source: string): Promise<string | undefined> {
  await init();
  const diagnostics = check(source);
  console.log(diagnostics);
  const rules = Ruleset.load(source);
  const evaluation = rules.evaluate({ acuut_gevaar: true }, "2026-03-02");
  rules.free();
  return Object.keys(evaluation.outcomes)[0];
}

// @ts-expect-error a Ruleset is loaded, not constructed
new Ruleset();
