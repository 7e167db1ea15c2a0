import { parsePrometheusText, type PrometheusSample } from './prometheus-text';

/** Scrapes an app's /metrics; an app that is not listening yet gives no samples (counts as zero). */
export async function scrapeMetrics(port: number): Promise<PrometheusSample[]> {
  let response: Response;
  try {
    response = await fetch(`http://127.0.0.1:${port}/metrics`, { signal: AbortSignal.timeout(2_000) });
  } catch {
    return [];
  }
  if (!response.ok) throw new Error(`GET :${port}/metrics answered ${response.status}`);
  return parsePrometheusText(await response.text());
}
