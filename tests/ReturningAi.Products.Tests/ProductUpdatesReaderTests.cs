namespace ReturningAi.Products.Tests;

public sealed class ProductUpdatesReaderTests
{
    [Theory]
    [InlineData("""[{"productID": "507f1f77bcf86cd799439011", "price": 1}]""")]
    [InlineData("""[{"_id": "507f1f77bcf86cd799439011", "price": 1}]""")]
    [InlineData("""[{"productID": "507f1f77bcf86cd799439011", "_id": "507f1f77bcf86cd799439011"}]""")]
    public void An_item_names_its_product_by_productID_or_id(string body)
    {
        var (items, errors) = ProductUpdatesReader.Read(Bodies.Parse(body));

        Assert.Empty(errors);
        Assert.Equal("507f1f77bcf86cd799439011", Assert.Single(items).Id);
    }

    [Theory]
    [InlineData("""[{"productID": "507f1f77bcf86cd799439011", "_id": "507f1f77bcf86cd799439012"}]""", "conflicting_ids", "[0].productID")]
    [InlineData("""[{"price": 1}]""", "required", "[0].productID")]
    [InlineData("""[{"productID": "nope"}]""", "product_not_found", "[0].productID")]
    public void Missing_malformed_or_two_different_ids_are_reported(string body, string code, string field)
    {
        var error = Assert.Single(ProductUpdatesReader.Read(Bodies.Parse(body)).Errors);

        Assert.Equal((code, field, 0), (error.Code, error.Field, error.Index));
    }
}
