using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Npgsql;
using NpgsqlTypes;
using ReturningAi.TestSupport;

namespace ReturningAi.Bench;

/// <summary>
/// What the database alone can do, measured in the same run: the same voucher rows by one binary COPY,
/// and a bare Kestrel endpoint that inserts the page example's rows in one transaction.
/// </summary>
internal sealed class Floors : IAsyncDisposable
{
    private const string Database = "bench_floor";
    private WebApplication? _kestrel;

    public static async Task<Floors> CreateAsync()
    {
        await using (var admin = new NpgsqlConnection(TestServers.PostgresConnectionString("postgres")))
        {
            await admin.OpenAsync();
            await new NpgsqlCommand($"DROP DATABASE IF EXISTS {Database} WITH (FORCE)", admin).ExecuteNonQueryAsync();
            await new NpgsqlCommand($"CREATE DATABASE {Database}", admin).ExecuteNonQueryAsync();
        }

        await using var connection = await OpenAsync();
        // The store's shape for these two tables: the same key carries the same cost.
        await new NpgsqlCommand("""
            CREATE TABLE products (id char(24) PRIMARY KEY, community_id char(24) NOT NULL, name varchar(200) NOT NULL, body jsonb NOT NULL, created_at timestamptz NOT NULL);
            CREATE TABLE vouchers (product_id char(24) NOT NULL REFERENCES products ON DELETE CASCADE, code varchar(128) NOT NULL,
                                   community_id char(24) NOT NULL, expire_date timestamptz NOT NULL, redeemed_at timestamptz, PRIMARY KEY (product_id, code));
            """, connection).ExecuteNonQueryAsync();
        return new Floors();
    }

    /// <summary>The largest request's rows (100 products, their codes) by one binary COPY in one transaction: seconds.</summary>
    public static async Task<double> CopyAsync(IReadOnlyList<(string Product, string[] Codes)> rows)
    {
        await using var connection = await OpenAsync();
        await new NpgsqlCommand("TRUNCATE products CASCADE", connection).ExecuteNonQueryAsync();
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await using var transaction = await connection.BeginTransactionAsync();
        var community = "bench00000000000000floor";
        foreach (var (product, _) in rows)
        {
            await using var insert = new NpgsqlCommand("INSERT INTO products VALUES (@id, @c, @n, '{}', now())", connection, transaction);
            insert.Parameters.AddWithValue("id", product);
            insert.Parameters.AddWithValue("c", community);
            insert.Parameters.AddWithValue("n", product);
            await insert.ExecuteNonQueryAsync();
        }

        await using (var importer = await connection.BeginBinaryImportAsync("COPY vouchers (product_id, code, community_id, expire_date) FROM STDIN (FORMAT BINARY)"))
        {
            var expiry = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
            foreach (var (product, codes) in rows)
            {
                foreach (var code in codes)
                {
                    await importer.StartRowAsync();
                    await importer.WriteAsync(product, NpgsqlDbType.Char);
                    await importer.WriteAsync(code, NpgsqlDbType.Varchar);
                    await importer.WriteAsync(community, NpgsqlDbType.Char);
                    await importer.WriteAsync(expiry, NpgsqlDbType.TimestampTz);
                }
            }

            await importer.CompleteAsync();
        }

        await transaction.CommitAsync();
        return System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    /// <summary>A bare Kestrel endpoint: parse the JSON array, insert its products and vouchers in one transaction.</summary>
    public async Task<Uri> StartKestrelAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var data = NpgsqlDataSource.Create(TestServers.PostgresConnectionString(Database));
        _kestrel = builder.Build();
        _kestrel.MapPost("/floor", async (HttpRequest request) =>
        {
            using var document = await JsonDocument.ParseAsync(request.Body);
            await using var connection = await data.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            foreach (var product in document.RootElement.EnumerateArray())
            {
                var id = Guid.NewGuid().ToString("N")[..24];
                await using var insert = new NpgsqlCommand("INSERT INTO products VALUES (@id, @c, @n, @b::jsonb, now())", connection, transaction);
                insert.Parameters.AddWithValue("id", id);
                insert.Parameters.AddWithValue("c", "bench00000000000000floor");
                insert.Parameters.AddWithValue("n", product.GetProperty("name").GetString()!);
                insert.Parameters.AddWithValue("b", product.GetRawText());
                await insert.ExecuteNonQueryAsync();
                var batch = new NpgsqlBatch(connection, transaction);
                foreach (var code in product.GetProperty("vouchers").EnumerateArray())
                {
                    var command = new NpgsqlBatchCommand("INSERT INTO vouchers (product_id, code, community_id, expire_date) VALUES (@p, @code, @c, now())");
                    command.Parameters.AddWithValue("p", id);
                    command.Parameters.AddWithValue("code", code.GetString()!);
                    command.Parameters.AddWithValue("c", "bench00000000000000floor");
                    batch.BatchCommands.Add(command);
                }

                if (batch.BatchCommands.Count > 0) await batch.ExecuteNonQueryAsync();
            }

            await transaction.CommitAsync();
            return Results.StatusCode(StatusCodes.Status201Created);
        });
        await _kestrel.StartAsync();
        return new Uri(_kestrel.Urls.First());
    }

    public async ValueTask DisposeAsync()
    {
        if (_kestrel is not null) await _kestrel.DisposeAsync();
    }

    private static async Task<NpgsqlConnection> OpenAsync()
    {
        // The floor's COPY of 1.16 million rows outlasts Npgsql's default 30 s at the loads of a shared 2-core machine (40 and more).
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(TestServers.PostgresConnectionString(Database)) { CommandTimeout = 300 }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
