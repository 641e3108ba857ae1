using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ReturningAi.Community.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class IncomingWebhooks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "data_protection_keys",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    friendly_name = table.Column<string>(type: "text", nullable: true),
                    xml = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_data_protection_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "incoming_webhook_settings",
                columns: table => new
                {
                    community_id = table.Column<string>(type: "character(24)", fixedLength: true, maxLength: 24, nullable: false),
                    key_id = table.Column<string>(type: "character(24)", fixedLength: true, maxLength: 24, nullable: true),
                    key_hash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: true),
                    key_created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    previous_key_id = table.Column<string>(type: "character(24)", fixedLength: true, maxLength: 24, nullable: true),
                    previous_key_hash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: true),
                    previous_key_expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    encryption_mode = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    protected_encryption_key = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_incoming_webhook_settings", x => x.community_id);
                    table.ForeignKey(
                        name: "fk_incoming_webhook_settings_communities_community_id",
                        column: x => x.community_id,
                        principalTable: "communities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_incoming_webhook_settings_key_hash",
                table: "incoming_webhook_settings",
                column: "key_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_incoming_webhook_settings_previous_key_hash",
                table: "incoming_webhook_settings",
                column: "previous_key_hash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "data_protection_keys");

            migrationBuilder.DropTable(
                name: "incoming_webhook_settings");
        }
    }
}
