/**
 * Turns an ioredis failure caused by security settings into one line naming the service and the
 * settings to fix (never their values); undefined for any other failure.
 */
export function explainRedisConnectFailure(err: unknown): string | undefined {
  const message = (err as Error)?.message ?? String(err);
  if (/WRONGPASS|NOAUTH|invalid (username-)?password|AUTH.*(failed|without any password)/i.test(message)) {
    return `redis: authentication failed (${message.split('\n')[0]}): check REDIS_USERNAME and REDIS_PASSWORD (or REDIS_PASSWORD_FILE)`;
  }
  if (/certificate|self[- ]signed|SSL|TLS|EPROTO|wrong version number|ECONNRESET/i.test(`${message} ${(err as NodeJS.ErrnoException)?.code ?? ''}`)) {
    return `redis: TLS failed (${message}): check REDIS_URL (rediss:// for a TLS port) and REDIS_TLS_CA_FILE`;
  }
  return undefined;
}

/**
 * An ioredis error as it may be logged: ioredis attaches the failed command with its arguments,
 * which for AUTH are the user name and the password. Keep the name of the command only.
 */
export function redisErrorForLog(err: unknown): { type: string; message: string; command?: string } {
  const e = err as Error & { command?: { name?: string } };
  return { type: e?.name ?? 'Error', message: e?.message ?? String(err), ...(e?.command?.name ? { command: e.command.name } : {}) };
}
