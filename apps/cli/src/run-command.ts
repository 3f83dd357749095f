/**
 * Runs an operator command: exits with the code it answers, or, when it fails, says why in one line (no stack trace
 * over the message) and exits 2.
 */
export function runCommand(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(2);
    },
  );
}
