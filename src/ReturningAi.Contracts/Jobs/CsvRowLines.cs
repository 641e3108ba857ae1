namespace ReturningAi.Contracts.Jobs;

/// <summary>
/// CSV records in the compact form a chunk carries them: each record's line in the file (header = 1) and the record written
/// back as one CSV line (its cells quoted where needed, no line end), in the same order. One short string a record keeps the
/// message a fraction of cells-as-JSON and every object under the large object heap's size.
/// </summary>
public sealed record CsvRowLines(IReadOnlyList<int> Rows, IReadOnlyList<string> Lines);
