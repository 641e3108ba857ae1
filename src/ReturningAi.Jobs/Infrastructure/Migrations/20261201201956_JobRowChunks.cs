using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReturningAi.Jobs.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class JobRowChunks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "job_row_chunks",
                columns: table => new
                {
                    job_id = table.Column<string>(type: "character(24)", fixedLength: true, maxLength: 24, nullable: false),
                    first_row = table.Column<int>(type: "integer", nullable: false),
                    last_row = table.Column<int>(type: "integer", nullable: false),
                    rows = table.Column<int[]>(type: "integer[]", nullable: false),
                    statuses = table.Column<string[]>(type: "text[]", nullable: false),
                    errors = table.Column<string[]>(type: "text[]", nullable: false),
                    results = table.Column<string[]>(type: "text[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_job_row_chunks", x => new { x.job_id, x.first_row });
                    table.ForeignKey(
                        name: "fk_job_row_chunks_jobs_job_id",
                        column: x => x.job_id,
                        principalTable: "jobs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            // The rows recorded before: one chunk a job, in row order.
            migrationBuilder.Sql("""
                INSERT INTO job_row_chunks (job_id, first_row, last_row, rows, statuses, errors, results)
                SELECT job_id, min(row), max(row), array_agg(row ORDER BY row), array_agg(status ORDER BY row),
                       array_agg(NULLIF(errors::text, '[]') ORDER BY row), array_agg(result::text ORDER BY row)
                FROM job_rows GROUP BY job_id
                """);

            migrationBuilder.DropTable(
                name: "job_rows");

            // The recorded rows one by one, as the details and the errors file read them (JobRow).
            migrationBuilder.Sql("""
                CREATE VIEW job_rows AS
                SELECT c.job_id, r.row, r.status, coalesce(r.errors, '[]') AS errors, r.result
                FROM job_row_chunks c CROSS JOIN LATERAL unnest(c.rows, c.statuses, c.errors, c.results) AS r(row, status, errors, result)
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP VIEW job_rows");

            migrationBuilder.DropTable(
                name: "job_row_chunks");

            migrationBuilder.CreateTable(
                name: "job_rows",
                columns: table => new
                {
                    job_id = table.Column<string>(type: "character(24)", fixedLength: true, maxLength: 24, nullable: false),
                    row = table.Column<int>(type: "integer", nullable: false),
                    errors = table.Column<string>(type: "jsonb", nullable: false),
                    result = table.Column<string>(type: "jsonb", nullable: true),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_job_rows", x => new { x.job_id, x.row });
                    table.ForeignKey(
                        name: "fk_job_rows_jobs_job_id",
                        column: x => x.job_id,
                        principalTable: "jobs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_job_rows_job_id_status_row",
                table: "job_rows",
                columns: new[] { "job_id", "status", "row" });
        }
    }
}
