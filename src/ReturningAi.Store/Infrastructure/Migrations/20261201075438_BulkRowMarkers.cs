using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReturningAi.Store.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class BulkRowMarkers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "bulk_row_markers",
                columns: table => new
                {
                    job_id = table.Column<string>(type: "character(24)", fixedLength: true, maxLength: 24, nullable: false),
                    row = table.Column<int>(type: "integer", nullable: false),
                    community_id = table.Column<string>(type: "character(24)", fixedLength: true, maxLength: 24, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    user_id = table.Column<string>(type: "character(24)", fixedLength: true, maxLength: 24, nullable: true),
                    transaction_id = table.Column<string>(type: "character(24)", fixedLength: true, maxLength: 24, nullable: true),
                    balance = table.Column<decimal>(type: "numeric(20,2)", precision: 20, scale: 2, nullable: true),
                    errors = table.Column<string>(type: "jsonb", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_bulk_row_markers", x => new { x.job_id, x.row });
                });

            migrationBuilder.CreateIndex(
                name: "ix_bulk_row_markers_created_at",
                table: "bulk_row_markers",
                column: "created_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "bulk_row_markers");
        }
    }
}
