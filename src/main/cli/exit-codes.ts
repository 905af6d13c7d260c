// What `ccal` exits with, so a script can tell a complete sync from anything less.
export const EXIT = {
  /** Done, completely. */
  ok: 0,
  /** The command failed (bad input, a service or the keychain unreachable, a damaged database). */
  error: 1,
  /** The sync ran but is not complete: signed out, a calendar needs attention, or some changes failed. */
  incomplete: 2,
  /** The sync stopped to ask first (a safety stop before deleting many events). */
  needsAnswer: 3,
} as const;

export const EXIT_HELP = `
Exit status:
  0  done, completely
  1  the command failed
  2  the sync is not complete (signed out, a calendar needs attention, or some changes failed)
  3  the sync stopped to ask before deleting many events (see "ccal status")`;
