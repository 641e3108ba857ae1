namespace ReturningAi.Csv;

/// <summary>The file cannot be read as CSV at all (the partner hears <c>malformed_csv</c>, never a 500).</summary>
public sealed class CsvFileException(string message, Exception inner) : Exception(message, inner);
