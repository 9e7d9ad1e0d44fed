/**
 * An error an operator can act on (locked or damaged data folder, wrong command line): the CLI
 * prints its German and English message without a stack trace and exits with status 1.
 */
export class OperatorError extends Error {
  readonly de: string;
  readonly en: string;

  constructor(de: string, en: string) {
    super(en);
    this.de = de;
    this.en = en;
  }
}
