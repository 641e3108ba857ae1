using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReturningAi.Community.Infrastructure.Migrations
{
    /// <summary>
    /// Each user's custom values and labels copied onto the user's row (<c>users.search_values</c>, <c>users.label_ids</c>),
    /// GIN-indexed, so that a search narrowed by several of them is one <c>BitmapAnd</c> over <c>users</c> instead of a join of
    /// one id set per condition (<c>UserSearchQuery</c>). Statement triggers on <c>user_field_values</c> and <c>user_labels</c>
    /// keep the copies, whatever writes the rows (the API, imports, cascades), as deltas that compose when two transactions
    /// change one user (an <c>UPDATE</c> that waited re-applies its delta to the row the other committed).
    /// </summary>
    public partial class UserSearchDocuments : Migration
    {
        // A value as the search compares it: text and options upper-cased as stored, numbers, dates (ISO), booleans, option lists.
        private const string SearchValue =
            "coalesce(to_jsonb(v.text_value), to_jsonb(v.number_value), to_jsonb(v.date_value), to_jsonb(v.bool_value), to_jsonb(v.option_values))";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($$"""
                ALTER TABLE users ADD COLUMN search_values jsonb NOT NULL DEFAULT '{}',
                                  ADD COLUMN label_ids character(24)[] NOT NULL DEFAULT '{}';

                UPDATE users u SET search_values = d.doc
                FROM (SELECT v.user_id, jsonb_object_agg(v.field_id, {{SearchValue}}) AS doc FROM user_field_values v GROUP BY v.user_id) d
                WHERE u.id = d.user_id;
                UPDATE users u SET label_ids = d.ids
                FROM (SELECT m.user_id, array_agg(m.label_id ORDER BY m.label_id) AS ids FROM user_labels m GROUP BY m.user_id) d
                WHERE u.id = d.user_id;

                CREATE INDEX ix_users_search_values ON users USING gin (search_values jsonb_path_ops);
                CREATE INDEX ix_users_label_ids ON users USING gin (label_ids);

                CREATE FUNCTION users_search_values_set() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE users u SET search_values = u.search_values || d.doc
                    FROM (SELECT v.user_id, jsonb_object_agg(v.field_id, {{SearchValue}}) AS doc FROM changed_values v GROUP BY v.user_id) d
                    WHERE u.id = d.user_id AND u.search_values <> u.search_values || d.doc;
                    RETURN NULL;
                END $$;

                CREATE FUNCTION users_search_values_removed() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE users u SET search_values = u.search_values - d.keys
                    FROM (SELECT v.user_id, array_agg(v.field_id::text) AS keys FROM removed_values v GROUP BY v.user_id) d
                    WHERE u.id = d.user_id;
                    RETURN NULL;
                END $$;

                CREATE FUNCTION users_label_ids_added() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE users u SET label_ids = ARRAY(SELECT DISTINCT x FROM unnest(u.label_ids || d.ids) x ORDER BY x)
                    FROM (SELECT m.user_id, array_agg(m.label_id) AS ids FROM added_labels m GROUP BY m.user_id) d
                    WHERE u.id = d.user_id;
                    RETURN NULL;
                END $$;

                CREATE FUNCTION users_label_ids_removed() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE users u SET label_ids = ARRAY(SELECT x FROM unnest(u.label_ids) x WHERE x <> ALL (d.ids) ORDER BY x)
                    FROM (SELECT m.user_id, array_agg(m.label_id) AS ids FROM removed_labels m GROUP BY m.user_id) d
                    WHERE u.id = d.user_id;
                    RETURN NULL;
                END $$;

                CREATE TRIGGER user_field_values_search_inserted AFTER INSERT ON user_field_values
                    REFERENCING NEW TABLE AS changed_values FOR EACH STATEMENT EXECUTE FUNCTION users_search_values_set();
                CREATE TRIGGER user_field_values_search_updated AFTER UPDATE ON user_field_values
                    REFERENCING NEW TABLE AS changed_values FOR EACH STATEMENT EXECUTE FUNCTION users_search_values_set();
                CREATE TRIGGER user_field_values_search_deleted AFTER DELETE ON user_field_values
                    REFERENCING OLD TABLE AS removed_values FOR EACH STATEMENT EXECUTE FUNCTION users_search_values_removed();
                CREATE TRIGGER user_labels_search_inserted AFTER INSERT ON user_labels
                    REFERENCING NEW TABLE AS added_labels FOR EACH STATEMENT EXECUTE FUNCTION users_label_ids_added();
                CREATE TRIGGER user_labels_search_deleted AFTER DELETE ON user_labels
                    REFERENCING OLD TABLE AS removed_labels FOR EACH STATEMENT EXECUTE FUNCTION users_label_ids_removed();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER user_labels_search_deleted ON user_labels;
                DROP TRIGGER user_labels_search_inserted ON user_labels;
                DROP TRIGGER user_field_values_search_deleted ON user_field_values;
                DROP TRIGGER user_field_values_search_updated ON user_field_values;
                DROP TRIGGER user_field_values_search_inserted ON user_field_values;
                DROP FUNCTION users_label_ids_removed();
                DROP FUNCTION users_label_ids_added();
                DROP FUNCTION users_search_values_removed();
                DROP FUNCTION users_search_values_set();
                ALTER TABLE users DROP COLUMN label_ids, DROP COLUMN search_values;
                """);
        }
    }
}
