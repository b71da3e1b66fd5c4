import type { Migration } from '../../store/database.ts';

/** Schema of delegation requests, their per-year id sequence and their audit trail. */
export const delegationMigrations: Migration[] = [
  {
    name: 'delegation-001-requests',
    sql: `
      CREATE TABLE delegation_sequences (
        year INTEGER PRIMARY KEY,
        last INTEGER NOT NULL
      );
      CREATE TABLE delegation_requests (
        id TEXT PRIMARY KEY,
        idempotency_key TEXT NOT NULL UNIQUE,
        delegant_user_id TEXT NOT NULL,
        delegue_user_id TEXT,
        delegue_profession_id TEXT,
        acts TEXT NOT NULL,
        natures TEXT NOT NULL,
        protocol_kind TEXT NOT NULL CHECK (protocol_kind IN ('registry', 'new_local')),
        protocol_id TEXT,
        patients TEXT NOT NULL,
        setting TEXT NOT NULL,
        start_date TEXT NOT NULL,
        comment TEXT,
        state TEXT NOT NULL CHECK (state IN ('submitted', 'info_requested', 'accepted', 'declined', 'withdrawn', 'closed')),
        version INTEGER NOT NULL CHECK (version >= 1),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        card_channel TEXT,
        card_ts TEXT,
        CHECK (delegue_user_id IS NOT NULL OR delegue_profession_id IS NOT NULL),
        CHECK ((protocol_kind = 'registry') = (protocol_id IS NOT NULL))
      );
      CREATE INDEX delegation_requests_delegant ON delegation_requests (delegant_user_id, state);
      CREATE INDEX delegation_requests_delegue_user ON delegation_requests (delegue_user_id, state);
      CREATE INDEX delegation_requests_delegue_profession ON delegation_requests (delegue_profession_id, state);
      CREATE TABLE delegation_audit (
        request_id TEXT NOT NULL REFERENCES delegation_requests (id),
        version INTEGER NOT NULL,
        at TEXT NOT NULL,
        actor_user_id TEXT NOT NULL,
        action TEXT NOT NULL,
        from_state TEXT,
        to_state TEXT NOT NULL,
        comment TEXT,
        PRIMARY KEY (request_id, version)
      );
    `,
  },
  {
    // A request may have several cards (one DM per member of a profession group): they move to their own table.
    name: 'delegation-002-cards',
    sql: `
      CREATE TABLE delegation_cards (
        request_id TEXT NOT NULL REFERENCES delegation_requests (id),
        channel TEXT NOT NULL,
        ts TEXT NOT NULL,
        PRIMARY KEY (request_id, channel, ts)
      );
      INSERT INTO delegation_cards (request_id, channel, ts)
        SELECT id, card_channel, card_ts FROM delegation_requests WHERE card_channel IS NOT NULL AND card_ts IS NOT NULL;
      ALTER TABLE delegation_requests DROP COLUMN card_channel;
      ALTER TABLE delegation_requests DROP COLUMN card_ts;
    `,
  },
  {
    // Each party's card shows that party's buttons; a card in a DM names its person (told in its thread, not twice).
    name: 'delegation-003-card-roles',
    sql: `
      ALTER TABLE delegation_cards ADD COLUMN role TEXT NOT NULL DEFAULT 'delegue' CHECK (role IN ('delegue', 'requester'));
      ALTER TABLE delegation_cards ADD COLUMN user_id TEXT;
    `,
  },
  {
    // People are platform-qualified (`slack:U01…`): the rows stored when Slack was the only platform get its prefix.
    name: 'delegation-004-platform-ids',
    sql: `
      UPDATE delegation_requests SET delegant_user_id = 'slack:' || delegant_user_id WHERE instr(delegant_user_id, ':') = 0;
      UPDATE delegation_requests SET delegue_user_id = 'slack:' || delegue_user_id WHERE delegue_user_id IS NOT NULL AND instr(delegue_user_id, ':') = 0;
      UPDATE delegation_audit SET actor_user_id = 'slack:' || actor_user_id WHERE instr(actor_user_id, ':') = 0;
      UPDATE delegation_cards SET user_id = 'slack:' || user_id WHERE user_id IS NOT NULL AND instr(user_id, ':') = 0;
    `,
  },
  {
    // Cards remember the platform they were posted on (each platform updates its own); older ones are Slack's.
    name: 'delegation-006-card-platform',
    sql: `ALTER TABLE delegation_cards ADD COLUMN platform TEXT NOT NULL DEFAULT 'slack' CHECK (platform IN ('slack', 'mattermost'));`,
  },
];

/** Run once the outbox exists: the delegation messages still owed to a person name them platform-qualified. */
export const delegationOutboxMigrations: Migration[] = [
  {
    name: 'delegation-005-outbox-platform-ids',
    sql: `
      UPDATE outbox SET target_json = json_set(target_json, '$.userId', 'slack:' || json_extract(target_json, '$.userId'))
        WHERE grp LIKE 'delegation:%' AND json_extract(target_json, '$.kind') = 'person' AND instr(json_extract(target_json, '$.userId'), ':') = 0;
    `,
  },
];
