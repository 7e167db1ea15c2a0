/**
 * Turns a kafkajs connect failure caused by security settings into one line naming the service and
 * the settings to fix (never their values); undefined for any other failure.
 */
export function explainKafkaConnectFailure(err: unknown): string | undefined {
  const e = err as { name?: string; message?: string; code?: string; cause?: unknown };
  const message = e?.message ?? '';
  if (e?.name === 'KafkaJSSASLAuthenticationError' || /SASL .*authentication failed/i.test(message)) {
    return `kafka: SASL authentication failed (${message.replace(/^SASL /, '')}): check KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD (or KAFKA_SASL_PASSWORD_FILE) and KAFKA_SASL_MECHANISM`;
  }
  if (/certificate|self[- ]signed|SSL|TLS|EPROTO|wrong version number/i.test(`${message} ${e?.code ?? ''}`)) {
    return `kafka: TLS failed (${message}): check KAFKA_SECURITY_PROTOCOL (ssl/sasl_ssl against a TLS listener) and KAFKA_SSL_CA_FILE`;
  }
  const cause = e?.cause;
  return cause && cause !== err ? explainKafkaConnectFailure(cause) : undefined;
}
