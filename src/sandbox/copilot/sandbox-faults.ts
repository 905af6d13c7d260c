// Fault injection: the failures a real deployment shows (a proxy's 502, a 503
// while the backend restarts, a dropped keep-alive connection, a response cut
// short, a record written by an older backend version), queued by tests and
// consumed by the next matching requests.

export type FailStatus = 401 | 500 | 502 | 503;
export type MalformKind = 'invalid_json' | 'not_an_array' | 'bad_record';

interface FailRule {
  remaining: number;
  status: FailStatus;
  onlyPath: RegExp | undefined;
}

interface MalformRule {
  kind: MalformKind;
  onlyPath: RegExp | undefined;
}

/** Where malformNext applies when no path is given: the application listing. */
const LISTING_PATH = /\/applications\/?$/;

export class SandboxFaults {
  private readonly fails: FailRule[] = [];
  private readonly malforms: MalformRule[] = [];
  private drops = 0;

  failNext(count: number, status: FailStatus, onlyPath?: RegExp): void {
    if (count > 0) this.fails.push({ remaining: count, status, onlyPath });
  }

  /** Back to normal: every queued failure and drop forgotten (the network "returns"). */
  clear(): void {
    this.fails.length = 0;
    this.drops = 0;
  }

  dropNext(count: number): void {
    this.drops += Math.max(0, count);
  }

  malformNext(kind: MalformKind, onlyPath?: RegExp): void {
    this.malforms.push({ kind, onlyPath });
  }

  /** Consumes one pending connection drop. */
  takeDrop(): boolean {
    if (this.drops === 0) return false;
    this.drops -= 1;
    return true;
  }

  /** Consumes one forced failure matching `path`, if any is queued. */
  takeFail(path: string): FailStatus | null {
    const rule = this.fails.find((r) => matches(r.onlyPath, path));
    if (!rule) return null;
    rule.remaining -= 1;
    if (rule.remaining === 0) this.fails.splice(this.fails.indexOf(rule), 1);
    return rule.status;
  }

  /** Looks at the malformation queued for a successful response to `path`, without consuming it. */
  peekMalform(path: string): MalformKind | null {
    return this.malforms.find((r) => matchesMalform(r.onlyPath, path))?.kind ?? null;
  }

  consumeMalform(path: string): void {
    const index = this.malforms.findIndex((r) => matchesMalform(r.onlyPath, path));
    if (index >= 0) this.malforms.splice(index, 1);
  }
}

function matches(onlyPath: RegExp | undefined, path: string): boolean {
  return onlyPath === undefined || test(onlyPath, path);
}

function matchesMalform(onlyPath: RegExp | undefined, path: string): boolean {
  return test(onlyPath ?? LISTING_PATH, path);
}

/** RegExp.test without the lastIndex surprise of a /g pattern. */
function test(pattern: RegExp, path: string): boolean {
  pattern.lastIndex = 0;
  return pattern.test(path);
}
