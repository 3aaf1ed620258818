import { STAGES, Stage } from "./metadata";

/** Allowed moves between lifecycle stages (staying in the same stage is always allowed). */
export const STAGE_TRANSITIONS: Readonly<Record<Stage, readonly Stage[]>> = {
  experimental: ["staging", "production", "retired"],
  staging: ["production", "retired"],
  production: ["deprecated"],
  deprecated: ["retired"],
  retired: [],
};

/** True when an asset may move from `from` to `to`. */
export function canTransition(from: Stage, to: Stage): boolean {
  return from === to || STAGE_TRANSITIONS[from].includes(to);
}

/** Why a move is not allowed, or `undefined` when it is. */
export function transitionProblem(from: Stage, to: Stage): string | undefined {
  if (canTransition(from, to)) return undefined;
  const next = STAGE_TRANSITIONS[from];
  const allowed = next.length > 0 ? next.map((s) => `\`${s}\``).join(", ") : "no other stage";
  return `stage cannot move from \`${from}\` to \`${to}\`: stages only move forward (${STAGES.join(
    " → ",
  )}); from \`${from}\` the asset may move to ${allowed}`;
}

/** True for stages in which an asset may serve traffic. */
export function isServingStage(stage: Stage): boolean {
  return stage !== "retired";
}

/** True for stages that should run on cheap, interruptible capacity by default. */
export function isNonProductionStage(stage: Stage): boolean {
  return stage === "experimental" || stage === "staging";
}

/**
 * "Protected stages": from `production` on, an asset's artifacts, evidence and the keys that
 * encrypt them are kept when the stack is destroyed (retained, or refused deletion).
 */
export const PROTECTED_STAGES: readonly Stage[] = ["production", "deprecated", "retired"];

/** True for {@link PROTECTED_STAGES}. */
export function isProtectedStage(stage: Stage): boolean {
  return PROTECTED_STAGES.includes(stage);
}
