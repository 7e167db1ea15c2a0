export {
  ClickAccumulator,
  ClickKeyState,
  clickMeasures,
  clickUserIds,
  clickWindowKeys,
  clickWindowEngineConfig,
  PaneUsers,
  windowKeySeparatorAt,
  windowKeyOf,
  type ClickAggregation,
  type ClickMeasures,
  type ClickWindowEngine,
} from './lib/click-window-engine';
