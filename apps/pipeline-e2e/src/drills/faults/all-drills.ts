import type { Drill } from '../drill';
import { backupRestoreDrill } from './backup-restore.drill';
import { kafkaDownDrill } from './kafka-outage.drill';
import { hostileInputDrill } from './hostile-input.drill';
import { killNineDrill } from './kill-nine.drill';
import { malformedFloodDrill } from './malformed-flood.drill';
import { partitionIncreaseDrill } from './partition-increase.drill';
import { clickhouseDownDrill, redisDownDrill, redisEmptyDrill } from './service-outage.drill';

/** Every drill, in the order the suite runs them. */
export const ALL_DRILLS: readonly Drill[] = [
  killNineDrill,
  kafkaDownDrill,
  clickhouseDownDrill,
  redisDownDrill,
  redisEmptyDrill,
  partitionIncreaseDrill,
  malformedFloodDrill,
  hostileInputDrill,
  backupRestoreDrill,
];
