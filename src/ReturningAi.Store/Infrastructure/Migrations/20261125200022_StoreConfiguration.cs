using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReturningAi.Store.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class StoreConfiguration : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "store_configurations",
                columns: table => new
                {
                    community_id = table.Column<string>(type: "character(24)", fixedLength: true, maxLength: 24, nullable: false),
                    currency_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    is_store_open = table.Column<bool>(type: "boolean", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_store_configurations", x => x.community_id);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "store_configurations");
        }
    }
}
