// Types of scripts/build.mjs (plain JavaScript: `prepare` runs it with no TypeScript loader).

/** Builds dist/ from the sources in `root` (default: this checkout). */
export function buildDist(root?: string): Promise<void>;
