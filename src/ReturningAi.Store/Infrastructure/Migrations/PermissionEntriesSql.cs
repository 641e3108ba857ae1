namespace ReturningAi.Store.Infrastructure.Migrations;

/// <summary>
/// The SQL that the migrations moving permission entries between names and ids share (products' and
/// categories'): a name resolves against the store's copy of the community's items (the name as stored,
/// else case-insensitively after trimming), a name that no item has any more is dropped, and ids go
/// back to the items' current names. Entry <c>e</c> of row <c>t</c> is rewritten.
/// </summary>
internal static class PermissionEntriesSql
{
    public const string CreateIdsFunction = """
        CREATE FUNCTION pg_temp.permission_ids(p_community char(24), p_kind text, p_names jsonb) RETURNS jsonb LANGUAGE sql STABLE AS $$
            SELECT coalesce(jsonb_agg(to_jsonb(r.id) ORDER BY n.position), '[]'::jsonb)
            FROM jsonb_array_elements_text(CASE WHEN jsonb_typeof(p_names) = 'array' THEN p_names ELSE '[]'::jsonb END)
                 WITH ORDINALITY AS n(name, position)
            CROSS JOIN LATERAL (
                SELECT rn.id FROM reference_names rn
                WHERE rn.community_id = p_community AND rn.kind = p_kind AND NOT rn.deleted
                  AND (rn.name = n.name OR rn.normalized_name = upper(btrim(n.name)))
                ORDER BY (rn.name = n.name) DESC, rn.version DESC
                LIMIT 1) r
        $$;
        """;

    public const string DropIdsFunction = "DROP FUNCTION pg_temp.permission_ids(char(24), text, jsonb);";

    public const string CreateNamesFunction = """
        CREATE FUNCTION pg_temp.permission_names(p_community char(24), p_kind text, p_ids jsonb) RETURNS jsonb LANGUAGE sql STABLE AS $$
            SELECT coalesce(jsonb_agg(to_jsonb(rn.name) ORDER BY n.position), '[]'::jsonb)
            FROM jsonb_array_elements_text(CASE WHEN jsonb_typeof(p_ids) = 'array' THEN p_ids ELSE '[]'::jsonb END)
                 WITH ORDINALITY AS n(id, position)
            JOIN reference_names rn ON rn.community_id = p_community AND rn.kind = p_kind AND rn.id = n.id AND NOT rn.deleted
        $$;
        """;

    public const string DropNamesFunction = "DROP FUNCTION pg_temp.permission_names(char(24), text, jsonb);";

    /// <summary>The ids object (<c>roleIds</c>, <c>tagIds</c>, <c>userIds</c>, <c>combination[].ids</c>) of the names in <c>e-&gt;'permission'</c>.</summary>
    public const string TargetIds = """
        jsonb_build_object(
            'roleIds', pg_temp.permission_ids(t.community_id, 'role', e->'permission'->'roleNames'),
            'tagIds', pg_temp.permission_ids(t.community_id, 'tag', e->'permission'->'tagNames'),
            'userIds', pg_temp.permission_ids(t.community_id, 'user', e->'permission'->'usernames'),
            'combination', coalesce((
                SELECT jsonb_agg(jsonb_build_object('type', c->>'type', 'ids', pg_temp.permission_ids(t.community_id, c->>'type', c->'values')) ORDER BY c_position)
                FROM jsonb_array_elements(CASE WHEN jsonb_typeof(e->'permission'->'combination') = 'array' THEN e->'permission'->'combination' ELSE '[]'::jsonb END)
                     WITH ORDINALITY AS x(c, c_position)), '[]'::jsonb))
        """;

    /// <summary>The names object (<c>roleNames</c>, <c>tagNames</c>, <c>usernames</c>, <c>combination[].values</c>) of the ids in <c>e-&gt;'permission'</c>.</summary>
    public const string TargetNames = """
        jsonb_build_object(
            'roleNames', pg_temp.permission_names(t.community_id, 'role', e->'permission'->'roleIds'),
            'tagNames', pg_temp.permission_names(t.community_id, 'tag', e->'permission'->'tagIds'),
            'usernames', pg_temp.permission_names(t.community_id, 'user', e->'permission'->'userIds'),
            'combination', coalesce((
                SELECT jsonb_agg(jsonb_build_object('type', c->>'type', 'values', pg_temp.permission_names(t.community_id, c->>'type', c->'ids')) ORDER BY c_position)
                FROM jsonb_array_elements(CASE WHEN jsonb_typeof(e->'permission'->'combination') = 'array' THEN e->'permission'->'combination' ELSE '[]'::jsonb END)
                     WITH ORDINALITY AS x(c, c_position)), '[]'::jsonb))
        """;

    /// <summary>Replaces every entry <c>e</c> of <paramref name="column"/> in every row <c>t</c> of <paramref name="table"/> with <paramref name="entry"/>.</summary>
    public static string Rewrite(string table, string column, string entry) => $"""
        UPDATE {table} t
        SET {column} = (
            SELECT coalesce(jsonb_agg({entry} ORDER BY e_position), '[]'::jsonb)
            FROM jsonb_array_elements(t.{column}) WITH ORDINALITY AS y(e, e_position))
        WHERE jsonb_typeof(t.{column}) = 'array' AND jsonb_array_length(t.{column}) > 0;
        """;
}
