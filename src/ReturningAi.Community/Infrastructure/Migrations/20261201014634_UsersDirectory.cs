using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReturningAi.Community.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class UsersDirectory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_users_community_id_normalized_username",
                table: "users");

            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.AddColumn<int>(
                name: "access_level",
                table: "users",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "avatar",
                table: "users",
                type: "character varying(2048)",
                maxLength: 2048,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "deleted_at",
                table: "users",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "display_name",
                table: "users",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<bool>(
                name: "email_password",
                table: "users",
                type: "boolean",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "email_template",
                table: "users",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "first_name",
                table: "users",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "joined_at",
                table: "users",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "last_login",
                table: "users",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "last_name",
                table: "users",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "normalized_email",
                table: "users",
                type: "character varying(320)",
                maxLength: 320,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "password_hash",
                table: "users",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "send_email",
                table: "users",
                type: "boolean",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "status",
                table: "users",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "status_before_delete",
                table: "users",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "status_reason",
                table: "users",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "updated_at",
                table: "users",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<string>(
                name: "bot_avatar",
                table: "communities",
                type: "character varying(2048)",
                maxLength: 2048,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "bot_name",
                table: "communities",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "Community Bot");

            migrationBuilder.AddColumn<string>(
                name: "domain",
                table: "communities",
                type: "character varying(253)",
                maxLength: 253,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "guest_mode_enabled",
                table: "communities",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "members_list_visible",
                table: "communities",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "preview_description",
                table: "communities",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "preview_enabled",
                table: "communities",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "preview_image",
                table: "communities",
                type: "character varying(2048)",
                maxLength: 2048,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "preview_title",
                table: "communities",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "theme_accent",
                table: "communities",
                type: "character varying(7)",
                maxLength: 7,
                nullable: false,
                defaultValue: "#f59e0b");

            migrationBuilder.AddColumn<string>(
                name: "theme_background",
                table: "communities",
                type: "character varying(7)",
                maxLength: 7,
                nullable: false,
                defaultValue: "#ffffff");

            migrationBuilder.AddColumn<string>(
                name: "theme_primary",
                table: "communities",
                type: "character varying(7)",
                maxLength: 7,
                nullable: false,
                defaultValue: "#4f46e5");

            migrationBuilder.AddColumn<string>(
                name: "theme_secondary",
                table: "communities",
                type: "character varying(7)",
                maxLength: 7,
                nullable: false,
                defaultValue: "#0f172a");

            migrationBuilder.AddColumn<string>(
                name: "theme_surface",
                table: "communities",
                type: "character varying(7)",
                maxLength: 7,
                nullable: false,
                defaultValue: "#f1f5f9");

            migrationBuilder.AddColumn<string>(
                name: "theme_text",
                table: "communities",
                type: "character varying(7)",
                maxLength: 7,
                nullable: false,
                defaultValue: "#0f172a");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "updated_at",
                table: "communities",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<string>(
                name: "uri",
                table: "communities",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "version",
                table: "communities",
                type: "bigint",
                nullable: false,
                defaultValue: 1L);

            // Users and communities from before: their new columns take what they already had.
            migrationBuilder.Sql("""
                UPDATE users SET display_name = username, normalized_email = upper(email), status = 'active',
                    joined_at = created_at, updated_at = created_at;
                UPDATE communities SET updated_at = created_at, members_list_visible = true;
                """);

            migrationBuilder.AddColumn<string>(
                name: "search_text",
                table: "users",
                type: "text",
                nullable: true,
                computedColumnSql: "lower(username || chr(1) || email || chr(1) || display_name)",
                stored: true);

            migrationBuilder.CreateTable(
                name: "account_actions",
                columns: table => new
                {
                    id = table.Column<string>(type: "character(24)", fixedLength: true, maxLength: 24, nullable: false),
                    community_id = table.Column<string>(type: "character(24)", fixedLength: true, maxLength: 24, nullable: false),
                    user_id = table.Column<string>(type: "character(24)", fixedLength: true, maxLength: 24, nullable: false),
                    action = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    from_status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    to_status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    created_by = table.Column<string>(type: "jsonb", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_account_actions", x => x.id);
                    table.ForeignKey(
                        name: "fk_account_actions_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "user_fields",
                columns: table => new
                {
                    id = table.Column<string>(type: "character(24)", fixedLength: true, maxLength: 24, nullable: false),
                    community_id = table.Column<string>(type: "character(24)", fixedLength: true, maxLength: 24, nullable: false),
                    key = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    normalized_key = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    type = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    options = table.Column<List<string>>(type: "text[]", nullable: false),
                    required = table.Column<bool>(type: "boolean", nullable: false),
                    is_visible = table.Column<bool>(type: "boolean", nullable: false),
                    is_editable_by_user = table.Column<bool>(type: "boolean", nullable: false),
                    is_unique = table.Column<bool>(type: "boolean", nullable: false),
                    default_value = table.Column<string>(type: "jsonb", nullable: true),
                    creator = table.Column<string>(type: "jsonb", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_user_fields", x => x.id);
                    table.ForeignKey(
                        name: "fk_user_fields_communities_community_id",
                        column: x => x.community_id,
                        principalTable: "communities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "user_labels",
                columns: table => new
                {
                    user_id = table.Column<string>(type: "character(24)", fixedLength: true, maxLength: 24, nullable: false),
                    label_id = table.Column<string>(type: "character(24)", fixedLength: true, maxLength: 24, nullable: false),
                    community_id = table.Column<string>(type: "character(24)", fixedLength: true, maxLength: 24, nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_user_labels", x => new { x.user_id, x.label_id });
                    table.ForeignKey(
                        name: "fk_user_labels_labels_label_id",
                        column: x => x.label_id,
                        principalTable: "labels",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_user_labels_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "user_field_history",
                columns: table => new
                {
                    id = table.Column<string>(type: "character(24)", fixedLength: true, maxLength: 24, nullable: false),
                    community_id = table.Column<string>(type: "character(24)", fixedLength: true, maxLength: 24, nullable: false),
                    user_id = table.Column<string>(type: "character(24)", fixedLength: true, maxLength: 24, nullable: false),
                    field_id = table.Column<string>(type: "character(24)", fixedLength: true, maxLength: 24, nullable: false),
                    field = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    old_value = table.Column<string>(type: "jsonb", nullable: true),
                    new_value = table.Column<string>(type: "jsonb", nullable: true),
                    source = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    reference = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    applied = table.Column<bool>(type: "boolean", nullable: false),
                    created_by = table.Column<string>(type: "jsonb", nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_user_field_history", x => x.id);
                    table.ForeignKey(
                        name: "fk_user_field_history_user_fields_field_id",
                        column: x => x.field_id,
                        principalTable: "user_fields",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_user_field_history_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "user_field_values",
                columns: table => new
                {
                    user_id = table.Column<string>(type: "character(24)", fixedLength: true, maxLength: 24, nullable: false),
                    field_id = table.Column<string>(type: "character(24)", fixedLength: true, maxLength: 24, nullable: false),
                    community_id = table.Column<string>(type: "character(24)", fixedLength: true, maxLength: 24, nullable: false),
                    value = table.Column<string>(type: "jsonb", nullable: false),
                    text_value = table.Column<string>(type: "text", nullable: true),
                    number_value = table.Column<decimal>(type: "numeric", nullable: true),
                    date_value = table.Column<DateOnly>(type: "date", nullable: true),
                    bool_value = table.Column<bool>(type: "boolean", nullable: true),
                    option_values = table.Column<List<string>>(type: "text[]", nullable: true),
                    unique_key = table.Column<string>(type: "text", nullable: true),
                    user_live = table.Column<bool>(type: "boolean", nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_user_field_values", x => new { x.user_id, x.field_id });
                    table.ForeignKey(
                        name: "fk_user_field_values_user_fields_field_id",
                        column: x => x.field_id,
                        principalTable: "user_fields",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_user_field_values_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_users_community_id_created_at_id",
                table: "users",
                columns: new[] { "community_id", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_users_community_id_joined_at_id",
                table: "users",
                columns: new[] { "community_id", "joined_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_users_community_id_last_login_id",
                table: "users",
                columns: new[] { "community_id", "last_login", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_users_community_id_status_joined_at_id",
                table: "users",
                columns: new[] { "community_id", "status", "joined_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_users_community_id_updated_at_id",
                table: "users",
                columns: new[] { "community_id", "updated_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_users_email",
                table: "users",
                columns: new[] { "community_id", "normalized_email" });

            migrationBuilder.CreateIndex(
                name: "ix_users_search_text",
                table: "users",
                column: "search_text")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_users_username",
                table: "users",
                columns: new[] { "community_id", "normalized_username" });

            migrationBuilder.CreateIndex(
                name: "ux_users_live_email",
                table: "users",
                columns: new[] { "community_id", "normalized_email" },
                unique: true,
                filter: "status <> 'deleted'");

            migrationBuilder.CreateIndex(
                name: "ux_users_live_username",
                table: "users",
                columns: new[] { "community_id", "normalized_username" },
                unique: true,
                filter: "status <> 'deleted'");

            migrationBuilder.CreateIndex(
                name: "ix_account_actions_user_id_created_at",
                table: "account_actions",
                columns: new[] { "user_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_user_field_history_community_id_changed_at_id",
                table: "user_field_history",
                columns: new[] { "community_id", "changed_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_user_field_history_field_id_changed_at",
                table: "user_field_history",
                columns: new[] { "field_id", "changed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_user_field_history_user_id_field_id_changed_at",
                table: "user_field_history",
                columns: new[] { "user_id", "field_id", "changed_at" });

            migrationBuilder.CreateIndex(
                name: "ux_user_field_history_reference",
                table: "user_field_history",
                columns: new[] { "user_id", "field_id", "reference" },
                unique: true,
                filter: "reference IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_user_field_values_field_id_bool_value_user_id",
                table: "user_field_values",
                columns: new[] { "field_id", "bool_value", "user_id" });

            migrationBuilder.CreateIndex(
                name: "ix_user_field_values_field_id_date_value_user_id",
                table: "user_field_values",
                columns: new[] { "field_id", "date_value", "user_id" });

            migrationBuilder.CreateIndex(
                name: "ix_user_field_values_field_id_number_value_user_id",
                table: "user_field_values",
                columns: new[] { "field_id", "number_value", "user_id" });

            migrationBuilder.CreateIndex(
                name: "ix_user_field_values_field_id_text_value_user_id",
                table: "user_field_values",
                columns: new[] { "field_id", "text_value", "user_id" });

            migrationBuilder.CreateIndex(
                name: "ix_user_field_values_option_values",
                table: "user_field_values",
                column: "option_values")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_user_field_values_text_trgm",
                table: "user_field_values",
                column: "text_value")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ux_user_field_values_unique",
                table: "user_field_values",
                columns: new[] { "field_id", "unique_key" },
                unique: true,
                filter: "unique_key IS NOT NULL AND user_live");

            migrationBuilder.CreateIndex(
                name: "ix_user_fields_community_id_created_at",
                table: "user_fields",
                columns: new[] { "community_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_user_fields_community_id_normalized_key",
                table: "user_fields",
                columns: new[] { "community_id", "normalized_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_user_labels_label_id_user_id",
                table: "user_labels",
                columns: new[] { "label_id", "user_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "account_actions");

            migrationBuilder.DropTable(
                name: "user_field_history");

            migrationBuilder.DropTable(
                name: "user_field_values");

            migrationBuilder.DropTable(
                name: "user_labels");

            migrationBuilder.DropTable(
                name: "user_fields");

            migrationBuilder.DropIndex(
                name: "ix_users_community_id_created_at_id",
                table: "users");

            migrationBuilder.DropIndex(
                name: "ix_users_community_id_joined_at_id",
                table: "users");

            migrationBuilder.DropIndex(
                name: "ix_users_community_id_last_login_id",
                table: "users");

            migrationBuilder.DropIndex(
                name: "ix_users_community_id_status_joined_at_id",
                table: "users");

            migrationBuilder.DropIndex(
                name: "ix_users_community_id_updated_at_id",
                table: "users");

            migrationBuilder.DropIndex(
                name: "ix_users_email",
                table: "users");

            migrationBuilder.DropIndex(
                name: "ix_users_search_text",
                table: "users");

            migrationBuilder.DropIndex(
                name: "ix_users_username",
                table: "users");

            migrationBuilder.DropIndex(
                name: "ux_users_live_email",
                table: "users");

            migrationBuilder.DropIndex(
                name: "ux_users_live_username",
                table: "users");

            migrationBuilder.DropColumn(
                name: "search_text",
                table: "users");

            migrationBuilder.DropColumn(
                name: "access_level",
                table: "users");

            migrationBuilder.DropColumn(
                name: "avatar",
                table: "users");

            migrationBuilder.DropColumn(
                name: "deleted_at",
                table: "users");

            migrationBuilder.DropColumn(
                name: "display_name",
                table: "users");

            migrationBuilder.DropColumn(
                name: "email_password",
                table: "users");

            migrationBuilder.DropColumn(
                name: "email_template",
                table: "users");

            migrationBuilder.DropColumn(
                name: "first_name",
                table: "users");

            migrationBuilder.DropColumn(
                name: "joined_at",
                table: "users");

            migrationBuilder.DropColumn(
                name: "last_login",
                table: "users");

            migrationBuilder.DropColumn(
                name: "last_name",
                table: "users");

            migrationBuilder.DropColumn(
                name: "normalized_email",
                table: "users");

            migrationBuilder.DropColumn(
                name: "password_hash",
                table: "users");

            migrationBuilder.DropColumn(
                name: "send_email",
                table: "users");

            migrationBuilder.DropColumn(
                name: "status",
                table: "users");

            migrationBuilder.DropColumn(
                name: "status_before_delete",
                table: "users");

            migrationBuilder.DropColumn(
                name: "status_reason",
                table: "users");

            migrationBuilder.DropColumn(
                name: "updated_at",
                table: "users");

            migrationBuilder.DropColumn(
                name: "bot_avatar",
                table: "communities");

            migrationBuilder.DropColumn(
                name: "bot_name",
                table: "communities");

            migrationBuilder.DropColumn(
                name: "domain",
                table: "communities");

            migrationBuilder.DropColumn(
                name: "guest_mode_enabled",
                table: "communities");

            migrationBuilder.DropColumn(
                name: "members_list_visible",
                table: "communities");

            migrationBuilder.DropColumn(
                name: "preview_description",
                table: "communities");

            migrationBuilder.DropColumn(
                name: "preview_enabled",
                table: "communities");

            migrationBuilder.DropColumn(
                name: "preview_image",
                table: "communities");

            migrationBuilder.DropColumn(
                name: "preview_title",
                table: "communities");

            migrationBuilder.DropColumn(
                name: "theme_accent",
                table: "communities");

            migrationBuilder.DropColumn(
                name: "theme_background",
                table: "communities");

            migrationBuilder.DropColumn(
                name: "theme_primary",
                table: "communities");

            migrationBuilder.DropColumn(
                name: "theme_secondary",
                table: "communities");

            migrationBuilder.DropColumn(
                name: "theme_surface",
                table: "communities");

            migrationBuilder.DropColumn(
                name: "theme_text",
                table: "communities");

            migrationBuilder.DropColumn(
                name: "updated_at",
                table: "communities");

            migrationBuilder.DropColumn(
                name: "uri",
                table: "communities");

            migrationBuilder.DropColumn(
                name: "version",
                table: "communities");

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.CreateIndex(
                name: "ix_users_community_id_normalized_username",
                table: "users",
                columns: new[] { "community_id", "normalized_username" },
                unique: true);
        }
    }
}
