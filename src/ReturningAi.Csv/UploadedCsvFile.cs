namespace ReturningAi.Csv;

/// <summary>An uploaded CSV file: its bytes (the first <see cref="Length"/> of <see cref="Buffer"/>) and the name the client gave it.</summary>
public sealed record UploadedCsvFile(byte[] Buffer, int Length, string? FileName)
{
    public ReadOnlyMemory<byte> Bytes => Buffer.AsMemory(0, Length);
}
