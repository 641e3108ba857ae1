namespace ReturningAi.Products.Csv;

/// <summary>
/// One supported CSV header and the create-object field it fills. <see cref="Field"/> is relative to
/// the product, or for permission columns to the permission entry, with list indices left out.
/// </summary>
public sealed record CsvColumn(string Header, string Field, bool IsPermission);
