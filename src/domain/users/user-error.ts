// The one error type of the users/sessions area. The API maps its codes to HTTP statuses
// (src/api/api-error.ts) and the CLI to exit codes (src/cli/cli-error.ts).
export type UserErrorCode =
  | 'invalid-user' // an email, role, name or password the area refuses
  | 'user-exists' // the email is taken
  | 'user-not-found'
  | 'last-admin'; // the change would leave no admin able to sign in

export class UserError extends Error {
  readonly code: UserErrorCode;
  constructor(code: UserErrorCode, message: string) {
    super(message);
    this.name = 'UserError';
    this.code = code;
  }
}
