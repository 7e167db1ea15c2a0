import { CLICK_EVENT_SCHEMA_HISTORY } from './click-event-schema-history';
import { ClickEventSchemaRegistry } from './click-event-schema-registry';

/** The registry every codec uses unless a caller passes another (tests of future versions). */
export const clickEventSchemaRegistry = new ClickEventSchemaRegistry(CLICK_EVENT_SCHEMA_HISTORY);
