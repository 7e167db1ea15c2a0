export {
  ClickAccumulator,
  clickMeasures,
  clickUserIds,
  clickWindowKeys,
  clickWindowEngineConfig,
  splitWindowKey,
  windowKeyOf,
  type ClickAggregation,
  type ClickMeasures,
  type ClickWindowEngine,
} from './lib/click-window-engine';
