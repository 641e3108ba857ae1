SELECT count(*) FROM users u WHERE u.community_id = 'c00000000000000000000001'::bpchar AND u.status = ANY('{active,banned}'::text[]);
SELECT u.* FROM users u WHERE u.community_id = 'c00000000000000000000001'::bpchar AND u.status = ANY('{active,banned}'::text[]) ORDER BY u.joined_at DESC, u.id DESC LIMIT 200 OFFSET 0;
