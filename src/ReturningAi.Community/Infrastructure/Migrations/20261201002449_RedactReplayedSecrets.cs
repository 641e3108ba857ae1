using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReturningAi.Community.Infrastructure.Migrations
{
    /// <summary>
    /// Replay records written before secrets were left out of them still hold the tokens they showed
    /// (a created key's, a new community's first key's): keep their responses, with the token null and
    /// meta.secretShown false, as records are written now.
    /// </summary>
    public partial class RedactReplayedSecrets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var path in new[] { "{data,token}", "{data,apiKey,token}" })
            {
                migrationBuilder.Sql($$"""
                    UPDATE idempotency_records
                    SET response_body = convert_to(jsonb_set(jsonb_set(convert_from(response_body, 'UTF8')::jsonb,
                        '{{path}}', 'null'::jsonb), '{meta,secretShown}', 'false'::jsonb)::text, 'UTF8')
                    WHERE CASE WHEN position(convert_to('"token":"', 'UTF8') in response_body) > 0 -- only then is the body read as JSON
                               THEN jsonb_typeof(convert_from(response_body, 'UTF8')::jsonb #> '{{path}}') = 'string'
                               ELSE false END;
                    """);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
