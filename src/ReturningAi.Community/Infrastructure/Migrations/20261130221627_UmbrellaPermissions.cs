using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReturningAi.Community.Infrastructure.Migrations
{
    /// <summary>
    /// Keys that exist before the finer permissions (CONTRACT.md §7) are granted, by name, what their
    /// umbrella now grants, so that they read like a key made today: store → purchase-history;
    /// users → createUser, userFields; api-keys → appearance, webhooks.
    /// </summary>
    public partial class UmbrellaPermissions : Migration
    {
        private static readonly (string Umbrella, string Granted)[] Grants =
        [
            ("store", "purchase-history"),
            ("users", "createUser"),
            ("users", "userFields"),
            ("api-keys", "appearance"),
            ("api-keys", "webhooks"),
        ];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var (umbrella, granted) in Grants)
            {
                migrationBuilder.Sql(
                    $"UPDATE api_keys SET permissions = array_append(permissions, '{granted}') " +
                    $"WHERE '{umbrella}' = ANY(permissions) AND NOT '{granted}' = ANY(permissions);");
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The umbrellas grant these names anyway; a key that was given one on its own cannot be told apart.
        }
    }
}
