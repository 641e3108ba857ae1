using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReturningAi.Store.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class UserCopies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "user_copies",
                columns: table => new
                {
                    user_id = table.Column<string>(type: "character(24)", fixedLength: true, maxLength: 24, nullable: false),
                    community_id = table.Column<string>(type: "character(24)", fixedLength: true, maxLength: 24, nullable: false),
                    username = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    normalized_username = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    normalized_email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    role_ids = table.Column<List<string>>(type: "text[]", nullable: false),
                    tag_ids = table.Column<List<string>>(type: "text[]", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_user_copies", x => x.user_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_user_copies_community_id_normalized_email",
                table: "user_copies",
                columns: new[] { "community_id", "normalized_email" });

            migrationBuilder.CreateIndex(
                name: "ix_user_copies_community_id_normalized_username",
                table: "user_copies",
                columns: new[] { "community_id", "normalized_username" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "user_copies");
        }
    }
}
