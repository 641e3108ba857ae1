namespace ReturningAi.Contracts.Jobs;

/// <summary>One CSV record as it was in the file: its line (header = 1) and its cells, untrimmed.</summary>
public sealed record CsvRowCells(int Row, IReadOnlyList<string> Cells);
