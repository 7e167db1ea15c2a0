/** How a secret is shown anywhere it could be printed: errors, logs, --help. */
export const REDACTED = '***';

/**
 * A URL with its password (and a username that could be a token) replaced by ***, so a bad
 * `redis://:S3cret@host:99999999` can be echoed in an error without leaking the secret.
 * Works on strings that are not valid URLs too (that is when they get echoed).
 */
export function redactUrl(raw: string): string {
  return raw.replace(/^([a-z][a-z0-9+.-]*:\/\/)([^/@]*)@/i, (_all, scheme: string, userinfo: string) => {
    const colon = userinfo.indexOf(':');
    return colon < 0 ? `${scheme}${REDACTED}@` : `${scheme}${userinfo.slice(0, colon)}:${REDACTED}@`;
  });
}
