export type FieldErrors = Record<string, string[]>;

/** A problem with the caller's input, safe to show them. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly fieldErrors: FieldErrors = {},
    readonly status = 400,
  ) {
    super(message);
    this.name = "UserError";
  }
}

export class NotFoundError extends UserError {
  constructor(message: string) {
    super(message, {}, 404);
    this.name = "NotFoundError";
  }
}
