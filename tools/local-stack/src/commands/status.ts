import { findOwnProcesses } from '../process-supervisor';
import type { Stack } from '../stack-services';

/** One line per service; false when any is down or does not answer. */
export async function status(stack: Stack): Promise<boolean> {
  const lines = await Promise.all(
    stack.services.map(async (service) => {
      const [pid] = findOwnProcesses(service.isOwnProcess, service.pidFile);
      let state: string;
      let healthy = false;
      if (pid === undefined && service.onDemand) {
        state = `not started (on demand: bash tools/scripts/${service.name}.sh up)`;
        healthy = true;
      } else if (pid === undefined) {
        state = 'down';
      } else {
        try {
          await service.checkHealth();
          state = 'healthy';
          healthy = true;
        } catch (error) {
          state = `unhealthy (${(error as Error).message})`;
        }
      }
      const pidText = pid === undefined ? '-' : String(pid);
      return { healthy, text: `${service.name.padEnd(11)} pid ${pidText.padEnd(8)} ${service.address.padEnd(40)} ${state}` };
    }),
  );
  for (const line of lines) console.log(line.text);
  return lines.every((l) => l.healthy);
}
