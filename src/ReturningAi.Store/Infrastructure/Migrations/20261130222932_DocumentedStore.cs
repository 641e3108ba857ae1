using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReturningAi.Store.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class DocumentedStore : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Existing configurations keep their values: is_store_open is is_enabled, the currency name moves
            // into the currency object, and each record gets an id and the documented defaults.
            migrationBuilder.RenameColumn(
                name: "is_store_open",
                table: "store_configurations",
                newName: "is_enabled");

            migrationBuilder.Sql("""
                ALTER TABLE store_configurations
                  ADD COLUMN id character(24),
                  ADD COLUMN title character varying(32) NOT NULL DEFAULT 'Store',
                  ADD COLUMN description character varying(1000) NOT NULL DEFAULT '',
                  ADD COLUMN cover jsonb NOT NULL DEFAULT '{"isEnabled":false,"light":null,"dark":null}',
                  ADD COLUMN currency jsonb,
                  ADD COLUMN call_to_action jsonb NOT NULL DEFAULT '{"isEnabled":false,"text":"","link":""}',
                  ADD COLUMN i18n jsonb NOT NULL DEFAULT '{"isTranslationEnabled":false,"titleTranslations":[],"descriptionTranslations":[]}',
                  ADD COLUMN user_identifier_fields text[] NOT NULL DEFAULT '{}',
                  ADD COLUMN created_at timestamp with time zone;
                UPDATE store_configurations SET
                  id = substr(md5(community_id || clock_timestamp()::text), 1, 24),
                  currency = jsonb_build_object('isEnabled', false, 'name', left(currency_name, 32), 'light', null, 'dark', null),
                  created_at = updated_at;
                ALTER TABLE store_configurations
                  ALTER COLUMN id SET NOT NULL,
                  ALTER COLUMN currency SET NOT NULL,
                  ALTER COLUMN created_at SET NOT NULL,
                  ALTER COLUMN title DROP DEFAULT,
                  ALTER COLUMN description DROP DEFAULT,
                  ALTER COLUMN cover DROP DEFAULT,
                  ALTER COLUMN call_to_action DROP DEFAULT,
                  ALTER COLUMN i18n DROP DEFAULT,
                  ALTER COLUMN user_identifier_fields DROP DEFAULT,
                  DROP COLUMN currency_name;
                """);

            migrationBuilder.CreateIndex(
                name: "ix_store_configurations_id",
                table: "store_configurations",
                column: "id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_store_configurations_id",
                table: "store_configurations");

            migrationBuilder.DropColumn(
                name: "call_to_action",
                table: "store_configurations");

            migrationBuilder.DropColumn(
                name: "cover",
                table: "store_configurations");

            migrationBuilder.DropColumn(
                name: "created_at",
                table: "store_configurations");

            migrationBuilder.DropColumn(
                name: "currency",
                table: "store_configurations");

            migrationBuilder.DropColumn(
                name: "description",
                table: "store_configurations");

            migrationBuilder.DropColumn(
                name: "i18n",
                table: "store_configurations");

            migrationBuilder.DropColumn(
                name: "id",
                table: "store_configurations");

            migrationBuilder.DropColumn(
                name: "title",
                table: "store_configurations");

            migrationBuilder.DropColumn(
                name: "user_identifier_fields",
                table: "store_configurations");

            migrationBuilder.RenameColumn(
                name: "is_enabled",
                table: "store_configurations",
                newName: "is_store_open");

            migrationBuilder.AddColumn<string>(
                name: "currency_name",
                table: "store_configurations",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "");
        }
    }
}
