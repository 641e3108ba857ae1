namespace ReturningAi.Products.Csv;

/// <summary>The products (or errors) of a CSV file, and the layout that locates later errors in it.</summary>
public sealed record CsvReadResult(ProductsReadResult Products, CsvLayout Layout);
