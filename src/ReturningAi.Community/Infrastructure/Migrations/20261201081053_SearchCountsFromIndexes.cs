using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReturningAi.Community.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class SearchCountsFromIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_user_field_values_field_id_bool_value_user_id",
                table: "user_field_values");

            migrationBuilder.DropIndex(
                name: "ix_user_field_values_field_id_date_value_user_id",
                table: "user_field_values");

            migrationBuilder.DropIndex(
                name: "ix_user_field_values_field_id_number_value_user_id",
                table: "user_field_values");

            migrationBuilder.DropIndex(
                name: "ix_user_field_values_field_id_text_value_user_id",
                table: "user_field_values");

            migrationBuilder.CreateIndex(
                name: "ix_user_field_values_field_id_bool_value_user_id",
                table: "user_field_values",
                columns: new[] { "field_id", "bool_value", "user_id" })
                .Annotation("Npgsql:IndexInclude", new[] { "user_live" });

            migrationBuilder.CreateIndex(
                name: "ix_user_field_values_field_id_date_value_user_id",
                table: "user_field_values",
                columns: new[] { "field_id", "date_value", "user_id" })
                .Annotation("Npgsql:IndexInclude", new[] { "user_live" });

            migrationBuilder.CreateIndex(
                name: "ix_user_field_values_field_id_number_value_user_id",
                table: "user_field_values",
                columns: new[] { "field_id", "number_value", "user_id" })
                .Annotation("Npgsql:IndexInclude", new[] { "user_live" });

            migrationBuilder.CreateIndex(
                name: "ix_user_field_values_field_id_text_value_user_id",
                table: "user_field_values",
                columns: new[] { "field_id", "text_value", "user_id" })
                .Annotation("Npgsql:IndexInclude", new[] { "user_live" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_user_field_values_field_id_bool_value_user_id",
                table: "user_field_values");

            migrationBuilder.DropIndex(
                name: "ix_user_field_values_field_id_date_value_user_id",
                table: "user_field_values");

            migrationBuilder.DropIndex(
                name: "ix_user_field_values_field_id_number_value_user_id",
                table: "user_field_values");

            migrationBuilder.DropIndex(
                name: "ix_user_field_values_field_id_text_value_user_id",
                table: "user_field_values");

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
        }
    }
}
