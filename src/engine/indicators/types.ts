/** @module The shape every streaming indicator shares with technicalindicators' `nextValue` API. */

/**
 * Feeds one new input, returns the indicator's value after it, or undefined while it is still
 * warming up. Object outputs are reused between calls: copy the fields you keep.
 */
export interface StreamingIndicator<I, O> {
  nextValue(input: I): O | undefined;
}
