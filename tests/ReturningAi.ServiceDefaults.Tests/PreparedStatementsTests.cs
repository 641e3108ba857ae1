using Npgsql;
using ReturningAi.ServiceDefaults.Data;

namespace ReturningAi.ServiceDefaults.Tests;

public sealed class PreparedStatementsTests
{
    [Fact]
    public void A_connection_string_without_the_setting_prepares_up_to_128_statements()
    {
        var on = PreparedStatements.On("Host=db;Database=communitydb;Username=app");

        Assert.Equal(128, new NpgsqlConnectionStringBuilder(on).MaxAutoPrepare);
        Assert.Equal("communitydb", new NpgsqlConnectionStringBuilder(on).Database);
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0", 0)]
    [InlineData("Host=db;MaxAutoPrepare=0", 0)]
    [InlineData("Host=db;max auto prepare=20", 20)]
    public void A_connection_string_that_sets_it_keeps_its_own_even_off(string connectionString, int expected) =>
        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(PreparedStatements.On(connectionString)).MaxAutoPrepare);

    [Fact]
    public void No_connection_string_stays_none() => Assert.Null(PreparedStatements.On(null));
}
