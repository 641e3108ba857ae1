using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReturningAi.Store.Infrastructure.Migrations
{
    /// <summary>
    /// Categories' permission entries kept the names of the roles, tags and users they target; they now keep
    /// their ids, as products' do since <see cref="PermissionEntriesById"/> (names resolved as
    /// <see cref="PermissionEntriesSql"/> says; a name that no item has any more is dropped). <c>isSelectAll</c>,
    /// which names nothing, moves from <c>permission</c> to the entry. Down turns the ids back into the items'
    /// current names and puts <c>isSelectAll</c> back.
    /// </summary>
    public partial class CategoryPermissionEntriesById : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(PermissionEntriesSql.CreateIdsFunction);
            migrationBuilder.Sql(Rewrite($"""
                (e - 'permission') || jsonb_build_object(
                    'isSelectAll', coalesce(e->'permission'->'isSelectAll', 'false'::jsonb),
                    'permission', {PermissionEntriesSql.TargetIds})
                """));
            migrationBuilder.Sql(PermissionEntriesSql.DropIdsFunction);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(PermissionEntriesSql.CreateNamesFunction);
            migrationBuilder.Sql(Rewrite($"""
                (e - 'permission' - 'isSelectAll') || jsonb_build_object(
                    'permission', {PermissionEntriesSql.TargetNames} || jsonb_build_object('isSelectAll', coalesce(e->'isSelectAll', 'false'::jsonb)))
                """));
            migrationBuilder.Sql(PermissionEntriesSql.DropNamesFunction);
        }

        private static string Rewrite(string entry) => PermissionEntriesSql.Rewrite("categories", "category_permission", entry);
    }
}
