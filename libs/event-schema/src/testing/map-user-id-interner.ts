import type { UserIdInterner, UserIdInterners } from '../interning/user-id-interner';

/** A plain Map-backed UserIdInterner for tests of the interning decoder (the engine has a faster one). */
export class MapUserIdInterner implements UserIdInterner, UserIdInterners {
  readonly strings: string[] = [];
  private readonly ids = new Map<string, number>();

  get current(): UserIdInterner {
    return this;
  }

  idOfBytes(buf: Buffer, start: number, end: number): number {
    return this.idOf(buf.toString('utf8', start, end));
  }

  idOf(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.strings.push(value) - 1;
      this.ids.set(value, id);
    }
    return id;
  }

  stringOf(id: number): string {
    return this.strings[id] as string;
  }
}
