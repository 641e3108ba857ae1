using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReturningAi.Store.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class WalletsFillFactor : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterTable(
                name: "wallets")
                .Annotation("Npgsql:StorageParameter:fillfactor", 50);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterTable(
                name: "wallets")
                .OldAnnotation("Npgsql:StorageParameter:fillfactor", 50);
        }
    }
}
