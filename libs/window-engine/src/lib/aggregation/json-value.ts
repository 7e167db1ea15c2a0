/** What a snapshot may contain: anything JSON.stringify/parse round-trips unchanged. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
