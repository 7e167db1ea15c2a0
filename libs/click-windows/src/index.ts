export {
  clickMeasures,
  clickUserIds,
  clickWindowKeys,
  clickWindowEngineConfig,
  splitWindowKey,
  windowKeyOf,
  type ClickAggregation,
  type ClickWindowEngine,
} from './lib/click-window-engine';
