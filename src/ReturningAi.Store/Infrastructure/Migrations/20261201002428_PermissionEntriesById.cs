using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReturningAi.Store.Infrastructure.Migrations
{
    /// <summary>
    /// Products' permission entries kept the names of the roles, tags and users they target; they now keep
    /// their ids (resolved as <see cref="PermissionEntriesSql"/> says; a name that no item has any more is
    /// dropped, as a deleted item is from a read). Down turns the ids back into the items' current names.
    /// </summary>
    public partial class PermissionEntriesById : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(PermissionEntriesSql.CreateIdsFunction);
            migrationBuilder.Sql(Rewrite(PermissionEntriesSql.TargetIds));
            migrationBuilder.Sql(PermissionEntriesSql.DropIdsFunction);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(PermissionEntriesSql.CreateNamesFunction);
            migrationBuilder.Sql(Rewrite(PermissionEntriesSql.TargetNames));
            migrationBuilder.Sql(PermissionEntriesSql.DropNamesFunction);
        }

        /// <summary>Replaces the <c>permission</c> object of every entry of every product with <paramref name="permission"/>.</summary>
        private static string Rewrite(string permission) =>
            PermissionEntriesSql.Rewrite("products", "product_permission", $"(e - 'permission') || jsonb_build_object('permission', {permission})");
    }
}
