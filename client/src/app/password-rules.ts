/** Mirrors the server's rule (schema: "at least 8 characters") so the form can say so before sending. */
export const MIN_PASSWORD_LENGTH = 8;
