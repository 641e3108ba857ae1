using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReturningAi.Store.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class DocumentedCategories : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "category_permission",
                table: "categories",
                type: "jsonb",
                nullable: false,
                defaultValueSql: "'[]'::jsonb");

            migrationBuilder.AddColumn<string>(
                name: "cover_image",
                table: "categories",
                type: "character varying(2048)",
                maxLength: 2048,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "default_purchase_status_id",
                table: "categories",
                type: "character(24)",
                fixedLength: true,
                maxLength: 24,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "display_order",
                table: "categories",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "i18n",
                table: "categories",
                type: "jsonb",
                nullable: false,
                defaultValueSql: "'{\"isTranslationEnabled\":false,\"nameTranslations\":[]}'::jsonb");

            migrationBuilder.AddColumn<bool>(
                name: "is_archived",
                table: "categories",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "should_show_cover",
                table: "categories",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "view_type",
                table: "categories",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "full");

            migrationBuilder.CreateIndex(
                name: "ix_categories_default_purchase_status_id",
                table: "categories",
                column: "default_purchase_status_id");

            migrationBuilder.AddForeignKey(
                name: "fk_categories_redemption_statuses_default_purchase_status_id",
                table: "categories",
                column: "default_purchase_status_id",
                principalTable: "redemption_statuses",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_categories_redemption_statuses_default_purchase_status_id",
                table: "categories");

            migrationBuilder.DropIndex(
                name: "ix_categories_default_purchase_status_id",
                table: "categories");

            migrationBuilder.DropColumn(
                name: "category_permission",
                table: "categories");

            migrationBuilder.DropColumn(
                name: "cover_image",
                table: "categories");

            migrationBuilder.DropColumn(
                name: "default_purchase_status_id",
                table: "categories");

            migrationBuilder.DropColumn(
                name: "display_order",
                table: "categories");

            migrationBuilder.DropColumn(
                name: "i18n",
                table: "categories");

            migrationBuilder.DropColumn(
                name: "is_archived",
                table: "categories");

            migrationBuilder.DropColumn(
                name: "should_show_cover",
                table: "categories");

            migrationBuilder.DropColumn(
                name: "view_type",
                table: "categories");
        }
    }
}
