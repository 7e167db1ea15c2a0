export {
  clickMeasures,
  clickUserIds,
  clickWindowEngineConfig,
  splitWindowKey,
  windowKeyOf,
  type ClickAggregation,
  type ClickWindowEngine,
} from './lib/click-window-engine';
