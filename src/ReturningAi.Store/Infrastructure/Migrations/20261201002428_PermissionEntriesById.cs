using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReturningAi.Store.Infrastructure.Migrations
{
    /// <summary>
    /// Products' permission entries kept the names of the roles, tags and users they target; they now keep
    /// their ids. Each stored name resolves against the store's copy of the community's items (the name as
    /// stored, else case-insensitively after trimming); a name that no item has any more is dropped, as a
    /// deleted item is from a read. Down turns the ids back into the items' current names.
    /// </summary>
    public partial class PermissionEntriesById : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
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
                """);
            migrationBuilder.Sql(Rewrite("""
                jsonb_build_object(
                    'roleIds', pg_temp.permission_ids(p.community_id, 'role', e->'permission'->'roleNames'),
                    'tagIds', pg_temp.permission_ids(p.community_id, 'tag', e->'permission'->'tagNames'),
                    'userIds', pg_temp.permission_ids(p.community_id, 'user', e->'permission'->'usernames'),
                    'combination', coalesce((
                        SELECT jsonb_agg(jsonb_build_object('type', c->>'type', 'ids', pg_temp.permission_ids(p.community_id, c->>'type', c->'values')) ORDER BY c_position)
                        FROM jsonb_array_elements(CASE WHEN jsonb_typeof(e->'permission'->'combination') = 'array' THEN e->'permission'->'combination' ELSE '[]'::jsonb END)
                             WITH ORDINALITY AS x(c, c_position)), '[]'::jsonb))
                """));
            migrationBuilder.Sql("DROP FUNCTION pg_temp.permission_ids(char(24), text, jsonb);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION pg_temp.permission_names(p_community char(24), p_kind text, p_ids jsonb) RETURNS jsonb LANGUAGE sql STABLE AS $$
                    SELECT coalesce(jsonb_agg(to_jsonb(rn.name) ORDER BY n.position), '[]'::jsonb)
                    FROM jsonb_array_elements_text(CASE WHEN jsonb_typeof(p_ids) = 'array' THEN p_ids ELSE '[]'::jsonb END)
                         WITH ORDINALITY AS n(id, position)
                    JOIN reference_names rn ON rn.community_id = p_community AND rn.kind = p_kind AND rn.id = n.id AND NOT rn.deleted
                $$;
                """);
            migrationBuilder.Sql(Rewrite("""
                jsonb_build_object(
                    'roleNames', pg_temp.permission_names(p.community_id, 'role', e->'permission'->'roleIds'),
                    'tagNames', pg_temp.permission_names(p.community_id, 'tag', e->'permission'->'tagIds'),
                    'usernames', pg_temp.permission_names(p.community_id, 'user', e->'permission'->'userIds'),
                    'combination', coalesce((
                        SELECT jsonb_agg(jsonb_build_object('type', c->>'type', 'values', pg_temp.permission_names(p.community_id, c->>'type', c->'ids')) ORDER BY c_position)
                        FROM jsonb_array_elements(CASE WHEN jsonb_typeof(e->'permission'->'combination') = 'array' THEN e->'permission'->'combination' ELSE '[]'::jsonb END)
                             WITH ORDINALITY AS x(c, c_position)), '[]'::jsonb))
                """));
            migrationBuilder.Sql("DROP FUNCTION pg_temp.permission_names(char(24), text, jsonb);");
        }

        /// <summary>Replaces the <c>permission</c> object of every entry of every product with <paramref name="permission"/> (SQL over entry <c>e</c> of product <c>p</c>).</summary>
        private static string Rewrite(string permission) => $"""
            UPDATE products p
            SET product_permission = (
                SELECT coalesce(jsonb_agg((e - 'permission') || jsonb_build_object('permission', {permission}) ORDER BY e_position), '[]'::jsonb)
                FROM jsonb_array_elements(p.product_permission) WITH ORDINALITY AS y(e, e_position))
            WHERE jsonb_typeof(p.product_permission) = 'array' AND jsonb_array_length(p.product_permission) > 0;
            """;
    }
}
