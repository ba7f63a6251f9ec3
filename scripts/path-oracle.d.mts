/** Answers path cases under every interpreter found (or only `versions`); see path-oracle.mjs. */
export function answerPathCases(
  cases: unknown[],
  onAnswers: (key: string, answers: unknown[]) => void,
  options?: { versions?: string[] },
): Promise<string[]>;
