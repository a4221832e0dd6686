/** The one error shape every API answer uses. */
export interface ApiErrorBody {
  error: {
    code: string;
    message: string;
    /** Per-field messages for 400 answers; `_` holds messages about the input as a whole. */
    fields?: Record<string, string[]>;
  };
}
