/** A mistake in what the user typed: printed as one line, exit code 1, no stack. */
export class CliError extends Error {}
