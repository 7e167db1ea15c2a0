export { ConfigError, type ConfigProblem } from './lib/config-error';
export {
  booleanSetting,
  enumSetting,
  integerSetting,
  listSetting,
  numberSetting,
  stringSetting,
  urlSetting,
  type ParseOutcome,
  type Setting,
} from './lib/setting';
export { readConfigOrExit } from './lib/read-config-or-exit';
export { HelpRequested, loadConfig, renderConfigHelp, type ConfigOf, type LoadConfigInput, type SettingsSpec } from './lib/load-config';
export { REDACTED, redactUrl } from './lib/redaction';
export { secretSetting } from './lib/secret-setting';
export { hostPortListSetting, isHostPort } from './lib/host-port-setting';
export { settingLabel } from './lib/setting-label';
