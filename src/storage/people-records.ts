/** Annotators, their sessions and the database's settings (src/storage/sqlite/people.ts). */

export type Role = 'annotator' | 'admin';

export interface AnnotatorRecord {
  id: string;
  name: string;
  role: Role;
  createdAt: string;
  disabled: boolean;
  /** When the current login link stops signing in (ISO); null: never (links from before v6 code). */
  tokenExpiresAt: string | null;
}

export interface SessionRecord {
  /** sha256 of the session cookie value; the raw value is never stored. */
  idHash: string;
  annotatorId: string;
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
}

/** People and settings in the Store. */
export interface PeopleStore {
  createAnnotator(a: { id: string; name: string; role: Role; tokenHash: string; createdAt: string; tokenExpiresAt?: string | null }): AnnotatorRecord;
  getAnnotator(id: string): AnnotatorRecord | undefined;
  getAnnotatorByName(name: string): AnnotatorRecord | undefined;
  getAnnotatorByTokenHash(tokenHash: string): AnnotatorRecord | undefined;
  listAnnotators(): AnnotatorRecord[];
  /** Replace an annotator's login token (a new link); the old one stops working and their sessions end. */
  setAnnotatorToken(id: string, tokenHash: string, tokenExpiresAt?: string | null): void;
  /** Disabling also ends every session of the annotator; a disabled annotator cannot sign in. */
  setAnnotatorDisabled(id: string, disabled: boolean): void;
  /** End every session of one annotator ("sign out everywhere"); returns how many ended. */
  deleteSessionsOf(annotatorId: string): number;
  /** Small facts about this database (e.g. `public_url`, written by `juror serve`). */
  getSetting(key: string): string | undefined;
  setSetting(key: string, value: string): void;
  createSession(s: SessionRecord): void;
  getSession(idHash: string): SessionRecord | undefined;
  deleteSession(idHash: string): void;
}
