using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReturningAi.ClaimCheck.Migrations
{
    /// <inheritdoc />
    public partial class CreateMessageData : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "message_data",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    data = table.Column<byte[]>(type: "bytea", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_message_data", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_message_data_expires_at",
                table: "message_data",
                column: "expires_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "message_data");
        }
    }
}
