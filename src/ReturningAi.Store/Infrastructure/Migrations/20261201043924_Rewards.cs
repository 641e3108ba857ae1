using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ReturningAi.Store.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class Rewards : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "redeemed_at",
                table: "vouchers");

            migrationBuilder.DropColumn(
                name: "total_orders",
                table: "products");

            migrationBuilder.AlterColumn<string>(
                name: "code",
                table: "vouchers",
                type: "character varying(512)",
                maxLength: 512,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(128)",
                oldMaxLength: 128);

            migrationBuilder.AddColumn<long>(
                name: "id",
                table: "vouchers",
                type: "bigint",
                nullable: false)
                .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);

            migrationBuilder.AddColumn<string>(
                name: "order_id",
                table: "vouchers",
                type: "character(24)",
                fixedLength: true,
                maxLength: 24,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "category",
                table: "redemption_statuses",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "incomplete");

            migrationBuilder.AddColumn<string>(
                name: "color",
                table: "redemption_statuses",
                type: "character varying(7)",
                maxLength: 7,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "is_default",
                table: "redemption_statuses",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "refunds_points",
                table: "redemption_statuses",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "updated_at",
                table: "redemption_statuses",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.CreateTable(
                name: "redemption_orders",
                columns: table => new
                {
                    id = table.Column<string>(type: "character(24)", fixedLength: true, maxLength: 24, nullable: false),
                    community_id = table.Column<string>(type: "character(24)", fixedLength: true, maxLength: 24, nullable: false),
                    order_number = table.Column<string>(type: "character varying(19)", maxLength: 19, nullable: false),
                    user_id = table.Column<string>(type: "character(24)", fixedLength: true, maxLength: 24, nullable: false),
                    username = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    product_id = table.Column<string>(type: "character(24)", fixedLength: true, maxLength: 24, nullable: false),
                    product_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    product_image = table.Column<string>(type: "text", nullable: true),
                    product_category = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    redemption_instructions = table.Column<string>(type: "text", nullable: false),
                    voucher_code = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    voucher_expiry_date = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    price_paid = table.Column<decimal>(type: "numeric(20,2)", precision: 20, scale: 2, nullable: false),
                    price_source = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    currency_name = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    status_id = table.Column<string>(type: "character(24)", fixedLength: true, maxLength: 24, nullable: false),
                    user_information = table.Column<string>(type: "jsonb", nullable: true),
                    api_key_id = table.Column<string>(type: "character(24)", fixedLength: true, maxLength: 24, nullable: true),
                    refunded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_redemption_orders", x => x.id);
                    table.ForeignKey(
                        name: "fk_redemption_orders_redemption_statuses_status_id",
                        column: x => x.status_id,
                        principalTable: "redemption_statuses",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "wallets",
                columns: table => new
                {
                    user_id = table.Column<string>(type: "character(24)", fixedLength: true, maxLength: 24, nullable: false),
                    community_id = table.Column<string>(type: "character(24)", fixedLength: true, maxLength: 24, nullable: false),
                    balance = table.Column<decimal>(type: "numeric(20,2)", precision: 20, scale: 2, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_wallets", x => x.user_id);
                    table.CheckConstraint("ck_wallets_balance_not_negative", "balance >= 0");
                });

            migrationBuilder.CreateTable(
                name: "order_history",
                columns: table => new
                {
                    id = table.Column<string>(type: "character(24)", fixedLength: true, maxLength: 24, nullable: false),
                    order_id = table.Column<string>(type: "character(24)", fixedLength: true, maxLength: 24, nullable: false),
                    community_id = table.Column<string>(type: "character(24)", fixedLength: true, maxLength: 24, nullable: false),
                    from_status_id = table.Column<string>(type: "character(24)", fixedLength: true, maxLength: 24, nullable: true),
                    from_status_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    to_status_id = table.Column<string>(type: "character(24)", fixedLength: true, maxLength: 24, nullable: false),
                    to_status_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    refunded = table.Column<bool>(type: "boolean", nullable: false),
                    api_key_id = table.Column<string>(type: "character(24)", fixedLength: true, maxLength: 24, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_order_history", x => x.id);
                    table.ForeignKey(
                        name: "fk_order_history_redemption_orders_order_id",
                        column: x => x.order_id,
                        principalTable: "redemption_orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ledger_entries",
                columns: table => new
                {
                    id = table.Column<string>(type: "character(24)", fixedLength: true, maxLength: 24, nullable: false),
                    community_id = table.Column<string>(type: "character(24)", fixedLength: true, maxLength: 24, nullable: false),
                    user_id = table.Column<string>(type: "character(24)", fixedLength: true, maxLength: 24, nullable: false),
                    operation = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    amount = table.Column<decimal>(type: "numeric(20,2)", precision: 20, scale: 2, nullable: false),
                    delta = table.Column<decimal>(type: "numeric(20,2)", precision: 20, scale: 2, nullable: false),
                    balance = table.Column<decimal>(type: "numeric(20,2)", precision: 20, scale: 2, nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    reference = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    source = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    order_id = table.Column<string>(type: "character(24)", fixedLength: true, maxLength: 24, nullable: true),
                    job_id = table.Column<string>(type: "character(24)", fixedLength: true, maxLength: 24, nullable: true),
                    api_key_id = table.Column<string>(type: "character(24)", fixedLength: true, maxLength: 24, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger_entries", x => x.id);
                    table.CheckConstraint("ck_ledger_entries_balance_not_negative", "balance >= 0");
                    table.ForeignKey(
                        name: "fk_ledger_entries_wallets_user_id",
                        column: x => x.user_id,
                        principalTable: "wallets",
                        principalColumn: "user_id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_vouchers_order_id",
                table: "vouchers",
                column: "order_id",
                unique: true,
                filter: "order_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_vouchers_unassigned_by_added",
                table: "vouchers",
                columns: new[] { "product_id", "id" },
                filter: "order_id IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_vouchers_unassigned_by_expiry",
                table: "vouchers",
                columns: new[] { "product_id", "expire_date", "code" },
                filter: "order_id IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_redemption_statuses_one_default",
                table: "redemption_statuses",
                column: "community_id",
                unique: true,
                filter: "is_default");

            migrationBuilder.AddCheckConstraint(
                name: "ck_redemption_statuses_refunding_not_default",
                table: "redemption_statuses",
                sql: "NOT (is_default AND refunds_points)");

            migrationBuilder.CreateIndex(
                name: "ix_ledger_entries_order_id_source",
                table: "ledger_entries",
                columns: new[] { "order_id", "source" },
                unique: true,
                filter: "order_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_ledger_entries_user_id_created_at_id",
                table: "ledger_entries",
                columns: new[] { "user_id", "created_at", "id" },
                descending: new[] { false, true, true });

            migrationBuilder.CreateIndex(
                name: "ix_order_history_order_id_created_at_id",
                table: "order_history",
                columns: new[] { "order_id", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_redemption_orders_community_id_created_at_id",
                table: "redemption_orders",
                columns: new[] { "community_id", "created_at", "id" },
                descending: new[] { false, true, true });

            migrationBuilder.CreateIndex(
                name: "ix_redemption_orders_community_id_order_number",
                table: "redemption_orders",
                columns: new[] { "community_id", "order_number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_redemption_orders_product_id_user_id_created_at",
                table: "redemption_orders",
                columns: new[] { "product_id", "user_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_redemption_orders_status_id",
                table: "redemption_orders",
                column: "status_id");

            migrationBuilder.CreateIndex(
                name: "ix_redemption_orders_user_id_created_at",
                table: "redemption_orders",
                columns: new[] { "user_id", "created_at" });

            // Existing statuses were last changed when they were made.
            migrationBuilder.Sql("UPDATE redemption_statuses SET updated_at = created_at;");

            // totalOrders, counted (see StoreDbContext.ProductTotalOrders).
            migrationBuilder.Sql("""
                CREATE FUNCTION product_total_orders(character) RETURNS integer LANGUAGE sql STABLE PARALLEL SAFE
                AS $$ SELECT count(*)::integer FROM redemption_orders WHERE product_id = $1 $$;
                """);

            // Ledger entries are immutable: a balance is the sum of its entries, always.
            migrationBuilder.Sql("""
                CREATE FUNCTION ledger_entries_immutable() RETURNS trigger LANGUAGE plpgsql
                AS $$ BEGIN RAISE EXCEPTION 'ledger entries are immutable' USING ERRCODE = 'restrict_violation'; END $$;
                CREATE TRIGGER ledger_entries_immutable BEFORE UPDATE OR DELETE ON ledger_entries
                FOR EACH ROW EXECUTE FUNCTION ledger_entries_immutable();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER ledger_entries_immutable ON ledger_entries; DROP FUNCTION ledger_entries_immutable(); DROP FUNCTION product_total_orders(character);");

            migrationBuilder.DropTable(
                name: "ledger_entries");

            migrationBuilder.DropTable(
                name: "order_history");

            migrationBuilder.DropTable(
                name: "wallets");

            migrationBuilder.DropTable(
                name: "redemption_orders");

            migrationBuilder.DropIndex(
                name: "ix_vouchers_order_id",
                table: "vouchers");

            migrationBuilder.DropIndex(
                name: "ix_vouchers_unassigned_by_added",
                table: "vouchers");

            migrationBuilder.DropIndex(
                name: "ix_vouchers_unassigned_by_expiry",
                table: "vouchers");

            migrationBuilder.DropIndex(
                name: "ix_redemption_statuses_one_default",
                table: "redemption_statuses");

            migrationBuilder.DropCheckConstraint(
                name: "ck_redemption_statuses_refunding_not_default",
                table: "redemption_statuses");

            migrationBuilder.DropColumn(
                name: "id",
                table: "vouchers");

            migrationBuilder.DropColumn(
                name: "order_id",
                table: "vouchers");

            migrationBuilder.DropColumn(
                name: "category",
                table: "redemption_statuses");

            migrationBuilder.DropColumn(
                name: "color",
                table: "redemption_statuses");

            migrationBuilder.DropColumn(
                name: "is_default",
                table: "redemption_statuses");

            migrationBuilder.DropColumn(
                name: "refunds_points",
                table: "redemption_statuses");

            migrationBuilder.DropColumn(
                name: "updated_at",
                table: "redemption_statuses");

            migrationBuilder.AlterColumn<string>(
                name: "code",
                table: "vouchers",
                type: "character varying(128)",
                maxLength: 128,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(512)",
                oldMaxLength: 512);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "redeemed_at",
                table: "vouchers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "total_orders",
                table: "products",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }
    }
}
