using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReturningAi.Store.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class LedgerEntryJobRow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "job_row",
                table: "ledger_entries",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_ledger_entries_job_id_job_row",
                table: "ledger_entries",
                columns: new[] { "job_id", "job_row" },
                unique: true,
                filter: "job_row IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_ledger_entries_job_id_job_row",
                table: "ledger_entries");

            migrationBuilder.DropColumn(
                name: "job_row",
                table: "ledger_entries");
        }
    }
}
