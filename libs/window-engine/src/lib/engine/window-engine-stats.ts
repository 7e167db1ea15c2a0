export interface WindowEngineStats {
  readonly watermark: number;
  /** Windows holding state: not yet fired plus fired-but-retained for allowed lateness. */
  readonly openWindows: number;
  /** Of those, windows already fired and kept only for late updates. */
  readonly retainedWindows: number;
  /** (window, key) states across all open windows. */
  readonly openKeys: number;
  /** Events that joined at least one window. */
  readonly acceptedEvents: number;
  /** Late records returned from add() (one per event per refused window). */
  readonly lateEvents: number;
  readonly firedPanes: number;
}
