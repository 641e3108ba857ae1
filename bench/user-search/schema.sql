DROP DATABASE IF EXISTS p11_bench;
CREATE DATABASE p11_bench;
\c p11_bench
CREATE EXTENSION pg_trgm;
CREATE TABLE users (id character(24) PRIMARY KEY, community_id character(24) NOT NULL, username varchar(100) NOT NULL, normalized_username varchar(100) NOT NULL,
  email varchar(320) NOT NULL, normalized_email varchar(320) NOT NULL, first_name varchar(100), display_name varchar(100) NOT NULL, status varchar(16) NOT NULL,
  joined_at timestamptz NOT NULL, created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL,
  search_text text GENERATED ALWAYS AS (lower(username || chr(1) || email || chr(1) || display_name)) STORED,
  custom jsonb NOT NULL DEFAULT '{}');
CREATE TABLE user_labels (user_id character(24), label_id character(24), PRIMARY KEY (user_id, label_id));
CREATE TABLE user_field_values (user_id character(24), field_id character(24), value jsonb NOT NULL, text_value text, number_value numeric, date_value date,
  bool_value boolean, option_values text[], PRIMARY KEY (user_id, field_id));
-- 100,000 users of one community (plus 100,000 of another, to make the community filter real), 6 fields at 70 %.
INSERT INTO users (id, community_id, username, normalized_username, email, normalized_email, first_name, display_name, status, joined_at, created_at, updated_at, custom) SELECT lpad(to_hex(i), 24, '0'), CASE WHEN i <= 100000 THEN 'c00000000000000000000001' ELSE 'c00000000000000000000002' END,
  'user' || i, upper('user' || i), 'member' || i || '@example.com', upper('member' || i || '@example.com'),
  (ARRAY['Ada','Alan','Grace','Linus',NULL])[1 + i % 5], 'User ' || i, CASE WHEN i % 17 = 0 THEN 'banned' WHEN i % 26 = 0 THEN 'deleted' ELSE 'active' END,
  timestamptz '2024-01-01' + (i * 613 % 63072000) * interval '1 second', now(), now(), '{}'
FROM generate_series(1, 200000) i;
INSERT INTO user_field_values SELECT u.id, 'f0000000000000000000000' || f, v.value, v.text_value, v.number_value, v.date_value, v.bool_value, v.option_values
FROM users u CROSS JOIN generate_series(1, 6) f
CROSS JOIN LATERAL (SELECT
  CASE f WHEN 1 THEN to_jsonb((ARRAY['Gold','Silver','Bronze'])[1 + abs(hashtext(u.id)) % 3]) WHEN 2 THEN to_jsonb(abs(hashtext(u.id || 'p')) % 1000)
         WHEN 3 THEN to_jsonb(to_char(date '1960-01-01' + abs(hashtext(u.id || 'd')) % 16000, 'YYYY-MM-DD')) WHEN 4 THEN to_jsonb(hashtext(u.id || 'b') % 2 = 0)
         WHEN 5 THEN to_jsonb(ARRAY(SELECT g FROM unnest(ARRAY['Chess','Go','Poker','Bridge']) WITH ORDINALITY t(g, n) WHERE abs(hashtext(u.id || g)) % 2 = 0))
         ELSE to_jsonb('N' || abs(hashtext(u.id || 'n')) % 100000) END AS value,
  CASE f WHEN 1 THEN upper((ARRAY['Gold','Silver','Bronze'])[1 + abs(hashtext(u.id)) % 3]) WHEN 6 THEN 'N' || abs(hashtext(u.id || 'n')) % 100000 END AS text_value,
  CASE f WHEN 2 THEN abs(hashtext(u.id || 'p')) % 1000 END AS number_value,
  CASE f WHEN 3 THEN date '1960-01-01' + abs(hashtext(u.id || 'd')) % 16000 END AS date_value,
  CASE f WHEN 4 THEN hashtext(u.id || 'b') % 2 = 0 END AS bool_value,
  CASE f WHEN 5 THEN ARRAY(SELECT g FROM unnest(ARRAY['Chess','Go','Poker','Bridge']) g WHERE abs(hashtext(u.id || g)) % 2 = 0) END AS option_values) v
WHERE abs(hashtext(u.id || f)) % 10 < 7;
-- The alternative: every value also in one JSONB per user.
UPDATE users u SET custom = coalesce((SELECT jsonb_object_agg(CASE v.field_id WHEN 'f00000000000000000000001' THEN 'tier' WHEN 'f00000000000000000000002' THEN 'points'
  WHEN 'f00000000000000000000003' THEN 'birthday' WHEN 'f00000000000000000000004' THEN 'vip' WHEN 'f00000000000000000000005' THEN 'games' ELSE 'nick' END, v.value)
  FROM user_field_values v WHERE v.user_id = u.id), '{}');
INSERT INTO user_labels SELECT id, 'r0000000000000000000000' || (abs(hashtext(id)) % 3) FROM users WHERE abs(hashtext(id || 'r')) % 3 = 0;
-- The indexes of the typed table (as in the migration).
CREATE UNIQUE INDEX ON users (community_id, normalized_username) WHERE status <> 'deleted';
CREATE INDEX ON users (community_id, joined_at, id);
CREATE INDEX ON users (community_id, status, joined_at, id);
CREATE INDEX ON users USING gin (search_text gin_trgm_ops);
CREATE INDEX ON user_labels (label_id, user_id);
CREATE INDEX ON user_field_values (field_id, text_value, user_id);
CREATE INDEX ON user_field_values (field_id, number_value, user_id);
CREATE INDEX ON user_field_values (field_id, date_value, user_id);
CREATE INDEX ON user_field_values (field_id, bool_value, user_id);
CREATE INDEX ON user_field_values USING gin (option_values);
CREATE INDEX ON user_field_values USING gin (text_value gin_trgm_ops);
-- The JSONB alternative's index.
CREATE INDEX users_custom_gin ON users USING gin (custom jsonb_path_ops);
VACUUM ANALYZE;
