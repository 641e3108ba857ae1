namespace ReturningAi.Contracts.Commands;

/// <summary>What a create's uploaded body is (<see cref="CreateProducts.UploadData"/>): a JSON array, or the CSV file of a multipart upload.</summary>
public enum UploadedBodyFormat
{
    Json,
    Csv,
}
